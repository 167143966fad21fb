package com.allinone.commerce.api.shipping;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The carrier refused the shipment. */
public record FailShipment(@TargetAggregateIdentifier String shipmentId, String reason) {

    public FailShipment {
        shipmentId = Checks.id("shipmentId", shipmentId);
        reason = Checks.id("reason", reason);
    }
}

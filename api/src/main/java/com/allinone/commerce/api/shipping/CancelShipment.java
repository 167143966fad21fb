package com.allinone.commerce.api.shipping;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelShipment(@TargetAggregateIdentifier String shipmentId) {

    public CancelShipment {
        shipmentId = Checks.id("shipmentId", shipmentId);
    }
}

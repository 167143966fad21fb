package com.allinone.commerce.api.shipping;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DispatchShipment(@TargetAggregateIdentifier String shipmentId) {

    public DispatchShipment {
        shipmentId = Checks.id("shipmentId", shipmentId);
    }
}

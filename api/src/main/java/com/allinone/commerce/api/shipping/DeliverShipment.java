package com.allinone.commerce.api.shipping;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeliverShipment(@TargetAggregateIdentifier String shipmentId) {

    public DeliverShipment {
        shipmentId = Checks.id("shipmentId", shipmentId);
    }
}

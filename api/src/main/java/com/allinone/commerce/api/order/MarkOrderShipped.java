package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkOrderShipped(@TargetAggregateIdentifier String orderId, String shipmentId) {

    public MarkOrderShipped {
        orderId = Checks.id("orderId", orderId);
        shipmentId = Checks.id("shipmentId", shipmentId);
    }
}

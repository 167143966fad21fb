package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkOrderDelivered(@TargetAggregateIdentifier String orderId) {

    public MarkOrderDelivered {
        orderId = Checks.id("orderId", orderId);
    }
}

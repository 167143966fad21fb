package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ConfirmOrder(@TargetAggregateIdentifier String orderId) {

    public ConfirmOrder {
        orderId = Checks.id("orderId", orderId);
    }
}

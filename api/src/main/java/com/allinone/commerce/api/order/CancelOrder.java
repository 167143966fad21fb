package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelOrder(@TargetAggregateIdentifier String orderId, CancellationReason reason) {

    public CancelOrder {
        orderId = Checks.id("orderId", orderId);
        Checks.present("reason", reason);
    }
}

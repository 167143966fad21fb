package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RejectOrder(@TargetAggregateIdentifier String orderId, RejectionReason reason) {

    public RejectOrder {
        orderId = Checks.id("orderId", orderId);
        Checks.present("reason", reason);
    }
}

package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The goods already left: the cancellation cannot be honoured and the flow goes on. */
public record RejectOrderCancellation(@TargetAggregateIdentifier String orderId, String reason) {

    public RejectOrderCancellation {
        orderId = Checks.id("orderId", orderId);
        reason = Checks.id("reason", reason);
    }
}

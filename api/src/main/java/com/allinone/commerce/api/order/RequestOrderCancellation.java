package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A customer asks to cancel; only the order's owner may, anyone else is told it does not exist. */
public record RequestOrderCancellation(@TargetAggregateIdentifier String orderId, String customerId) {

    public RequestOrderCancellation {
        orderId = Checks.id("orderId", orderId);
        customerId = Checks.id("customerId", customerId);
    }
}

package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkOrderPaid(@TargetAggregateIdentifier String orderId, String paymentId) {

    public MarkOrderPaid {
        orderId = Checks.id("orderId", orderId);
        paymentId = Checks.id("paymentId", paymentId);
    }
}

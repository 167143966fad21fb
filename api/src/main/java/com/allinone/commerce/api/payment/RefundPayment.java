package com.allinone.commerce.api.payment;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RefundPayment(@TargetAggregateIdentifier String paymentId) {

    public RefundPayment {
        paymentId = Checks.id("paymentId", paymentId);
    }
}

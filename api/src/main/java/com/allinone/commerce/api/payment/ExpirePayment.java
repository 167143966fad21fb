package com.allinone.commerce.api.payment;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payment deadline passed without an answer from the gateway. */
public record ExpirePayment(@TargetAggregateIdentifier String paymentId) {

    public ExpirePayment {
        paymentId = Checks.id("paymentId", paymentId);
    }
}

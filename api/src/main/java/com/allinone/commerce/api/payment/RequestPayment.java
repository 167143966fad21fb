package com.allinone.commerce.api.payment;

import com.allinone.commerce.api.common.Checks;
import com.allinone.commerce.api.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The paymentId, derived from the orderId, is also the gateway's idempotency key. */
public record RequestPayment(@TargetAggregateIdentifier String paymentId, String orderId, Money amount) {

    public RequestPayment {
        paymentId = Checks.id("paymentId", paymentId);
        orderId = Checks.id("orderId", orderId);
        Checks.present("amount", amount);
    }
}

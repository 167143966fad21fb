package com.allinone.commerce.api.payment;

import com.allinone.commerce.api.common.Checks;
import com.allinone.commerce.api.common.Money;
import org.axonframework.commandhandling.RoutingKey;

/**
 * The order flow asks the payment provider for a decision on a requested payment. The provider's participant answers
 * with AuthorizePayment or DeclinePayment; no answer means ask again (the paymentId keeps it from charging twice).
 */
public record ChargePayment(@RoutingKey String paymentId, String orderId, Money amount) {

    public ChargePayment {
        paymentId = Checks.id("paymentId", paymentId);
        orderId = Checks.id("orderId", orderId);
        Checks.present("amount", amount);
    }
}

package com.allinone.commerce.sagas.payment;

import com.allinone.commerce.api.common.Money;
import reactor.core.publisher.Mono;

/**
 * The port towards a payment service provider. The paymentId is the idempotency key: asking again for the same
 * payment answers the first decision and never charges twice. An error means no decision was reached (the provider is
 * down or too slow); the caller asks again later.
 */
public interface PaymentGateway {

    Mono<PaymentDecision> authorize(String paymentId, Money amount);

    /** The provider's decision. */
    sealed interface PaymentDecision permits Authorized, Declined {
    }

    record Authorized(String gatewayRef) implements PaymentDecision {
    }

    record Declined(String reason) implements PaymentDecision {
    }
}

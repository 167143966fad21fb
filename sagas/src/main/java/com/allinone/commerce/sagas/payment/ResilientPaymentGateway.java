package com.allinone.commerce.sagas.payment;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.sagas.common.ResilientCall;
import reactor.core.publisher.Mono;

/** The payment provider behind timeout, retry and circuit breaker; safe to retry because paymentId is idempotent. */
public class ResilientPaymentGateway implements PaymentGateway {

    private final PaymentGateway provider;
    private final ResilientCall guard;

    public ResilientPaymentGateway(PaymentGateway provider, ResilientCall guard) {
        this.provider = provider;
        this.guard = guard;
    }

    @Override
    public Mono<PaymentDecision> authorize(String paymentId, Money amount) {
        return guard.call(Mono.defer(() -> provider.authorize(paymentId, amount)));
    }
}

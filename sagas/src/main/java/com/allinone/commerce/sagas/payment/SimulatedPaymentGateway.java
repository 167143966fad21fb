package com.allinone.commerce.sagas.payment;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.sagas.common.GatewayUnavailableException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Mono;

/**
 * A payment provider in-process: answers after a latency, declines above an amount, fails a share of calls. Like a
 * real provider it remembers its decisions by paymentId, so a repeated request answers the same and charges once.
 */
public class SimulatedPaymentGateway implements PaymentGateway {

    private static final int REMEMBERED_DECISIONS = 100_000;

    private final PaymentSimulatorSettings settings;
    private final Map<String, PaymentDecision> decisions = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PaymentDecision> eldest) {
                    return size() > REMEMBERED_DECISIONS;
                }
            });

    public SimulatedPaymentGateway(PaymentSimulatorSettings settings) {
        this.settings = settings;
    }

    @Override
    public Mono<PaymentDecision> authorize(String paymentId, Money amount) {
        return Mono.defer(() -> {
            if (ThreadLocalRandom.current().nextDouble() < settings.failureRate()) {
                return Mono.error(new GatewayUnavailableException("simulated provider failure"));
            }
            return Mono.just(decisions.computeIfAbsent(paymentId, id -> decide(amount)));
        }).delaySubscription(settings.latency());
    }

    private PaymentDecision decide(Money amount) {
        if (settings.declineAbove() > 0 && amount.amount() > settings.declineAbove()) {
            return new Declined("amount-above-limit");
        }
        return new Authorized("sim-" + UUID.randomUUID());
    }
}

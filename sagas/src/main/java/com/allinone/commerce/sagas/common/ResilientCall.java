package com.allinone.commerce.sagas.common;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import reactor.core.publisher.Mono;

/**
 * Timeout, retry with exponential back-off and a circuit breaker around calls to one outside service. The breaker
 * sits inside the retry, so each attempt counts, and an open breaker is not retried: the caller's own persistent
 * retry asks again much later instead of hammering a provider that is down.
 */
public final class ResilientCall {

    private final GatewaySettings settings;
    private final CircuitBreaker breaker;
    private final Retry retry;

    public ResilientCall(String name, GatewaySettings settings) {
        this.settings = settings;
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.openFor())
                .build());
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.backoff(), 2.0))
                .ignoreExceptions(CallNotPermittedException.class)
                .build());
    }

    public <T> Mono<T> call(Mono<T> call) {
        return call.timeout(settings.timeout())
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(RetryOperator.of(retry));
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }
}

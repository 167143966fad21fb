package com.allinone.commerce.sagas.common;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Timeout, retry with exponential back-off and a circuit breaker around calls to one outside service. The breaker
 * sits inside the retry, so each attempt counts, and an open breaker is not retried: the caller's own persistent
 * retry asks again much later instead of hammering a provider that is down. Breaker and retry are the registries'
 * instances of the service's name (configured by {@link GatewayResilience}), so the meters see them.
 */
public final class ResilientCall {

    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final Retry retry;

    public ResilientCall(String name, Duration timeout, CircuitBreakerRegistry breakers, RetryRegistry retries) {
        this.timeout = timeout;
        this.breaker = breakers.circuitBreaker(name);
        this.retry = retries.retry(name);
    }

    public <T> Mono<T> call(Mono<T> call) {
        return call.timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(RetryOperator.of(retry));
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }
}

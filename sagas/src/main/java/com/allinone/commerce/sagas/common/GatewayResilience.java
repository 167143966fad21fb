package com.allinone.commerce.sagas.common;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * The registries the outside services' circuit breakers and retries come from, so their states and counts reach the
 * meters (resilience4j-micrometer binds to registries, not to loose instances). Every instance gets the same
 * configuration: the {@link GatewaySettings} of {@code commerce.gateway.*}.
 */
public final class GatewayResilience {

    private GatewayResilience() {
    }

    /** Opens at half of the last 20 calls failing (after at least 10), and refuses calls for {@code openFor}. */
    public static CircuitBreakerRegistry breakers(GatewaySettings settings) {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.openFor())
                .build());
    }

    /** Exponential back-off; an open breaker is not retried (see {@link ResilientCall}). */
    public static RetryRegistry retries(GatewaySettings settings) {
        return RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.backoff(), 2.0))
                .ignoreExceptions(CallNotPermittedException.class)
                .build());
    }
}

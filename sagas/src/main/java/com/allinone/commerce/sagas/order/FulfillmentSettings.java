package com.allinone.commerce.sagas.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code commerce.fulfillment.*}: the order flow's timings.
 *
 * @param paymentTimeout how long an order waits for the payment provider before its payment expires
 * @param retryFirst     first wait before a step whose dependency was down is tried again
 * @param retryMax       longest wait between two tries (the back-off doubles up to it)
 * @param callTimeout    longest a saga step waits for Redis or the carrier before scheduling a retry
 */
@ConfigurationProperties("commerce.fulfillment")
public record FulfillmentSettings(@DefaultValue("2m") Duration paymentTimeout,
                                  @DefaultValue("1s") Duration retryFirst,
                                  @DefaultValue("1m") Duration retryMax,
                                  @DefaultValue("3s") Duration callTimeout) {

    /** The wait before the given try (1 = the first retry): doubling from retryFirst, capped at retryMax. */
    public Duration backoff(int attempt) {
        Duration wait = retryFirst;
        for (int i = 1; i < attempt && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}

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
 * @param segments       how many order flows run in parallel (segments of the saga's processor, one thread each)
 * @param batchSize      events one segment handles in one transaction
 * @param participantThreads threads that send the participants' answers (stock gate, provider, carrier)
 */
@ConfigurationProperties("commerce.fulfillment")
public record FulfillmentSettings(@DefaultValue("2m") Duration paymentTimeout,
                                  @DefaultValue("1s") Duration retryFirst,
                                  @DefaultValue("1m") Duration retryMax,
                                  @DefaultValue("8") int segments,
                                  @DefaultValue("20") int batchSize,
                                  @DefaultValue("8") int participantThreads) {

    /** The wait before the given try (1 = the first retry): doubling from retryFirst, capped at retryMax. */
    public Duration backoff(int attempt) {
        Duration wait = retryFirst;
        for (int i = 1; i < attempt && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}

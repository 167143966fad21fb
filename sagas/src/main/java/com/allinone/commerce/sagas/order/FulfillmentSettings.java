package com.allinone.commerce.sagas.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code commerce.fulfillment.*}: the order flow's timings.
 *
 * @param paymentTimeout how long an order waits for the payment provider before its payment expires
 * @param retryFirst     how long an ask waits for its answer before it is asked again. It must outlast the
 *                       participant's own bounded call (GatewaySettings: 3 tries of 5 s at most) and the queue of a
 *                       busy flow: under a flash sale a healthy answer can take seconds to come back, and a retry
 *                       that fires meanwhile asks again for nothing, adding the load that delayed the answer
 * @param retryMax       longest wait between two tries (the back-off doubles up to it)
 * @param segments       how many order flows run in parallel (segments of the saga's processor, one thread each)
 * @param batchSize      events one segment handles in one transaction
 * @param participantThreads threads that send the participants' answers (stock gate, provider, carrier)
 * @param cachedSagas    order flows kept in memory between their steps (a write-through cache of the saga store)
 * @param maxBacklog     events the flows may be behind before new orders wait at the door (0: never wait)
 * @param maxIntakeWait  how long a new order waits for room before it is answered 503 with Retry-After
 */
@ConfigurationProperties("commerce.fulfillment")
public record FulfillmentSettings(@DefaultValue("2m") Duration paymentTimeout,
                                  @DefaultValue("20s") Duration retryFirst,
                                  @DefaultValue("2m") Duration retryMax,
                                  @DefaultValue("8") int segments,
                                  @DefaultValue("20") int batchSize,
                                  @DefaultValue("8") int participantThreads,
                                  @DefaultValue("20000") int cachedSagas,
                                  @DefaultValue("1500") long maxBacklog,
                                  @DefaultValue("10s") Duration maxIntakeWait) {

    /** The wait before the given try (1 = the first retry): doubling from retryFirst, capped at retryMax. */
    public Duration backoff(int attempt) {
        Duration wait = retryFirst;
        for (int i = 1; i < attempt && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}

package com.allinone.commerce.axonconfig.health;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What readiness demands of a node ({@code commerce.health.*}, README "Configuration").
 *
 * @param maxProcessorLag         events a streaming processor may be behind the head of the event store and still
 *                                count as caught up. 10,000 by default: well above the 1,500 events the order flows
 *                                may fall behind under a flash sale before intake paces itself (a loaded node must
 *                                not drop out of its load balancer and push the load onto the others), and at the
 *                                measured ≥1,000 events/s a node that far behind is about ten seconds of work away
 *                                from serving fresh reads.
 * @param processorCheckInterval  how often the processors' positions are sampled (the head of the event store is a
 *                                query); a sample older than five intervals, or 10 s, counts as DOWN
 * @param redisTimeout            how long the Redis PING may take before Redis counts as DOWN
 * @param ignoredProcessors       processors left out of readiness: ones an operator stopped on purpose and for long
 */
@ConfigurationProperties("commerce.health")
public record HealthSettings(@DefaultValue("10000") long maxProcessorLag,
                             @DefaultValue("2s") Duration processorCheckInterval,
                             @DefaultValue("1s") Duration redisTimeout,
                             @DefaultValue List<String> ignoredProcessors) {

    private static final Duration MIN_STALE_AFTER = Duration.ofSeconds(10);

    public HealthSettings {
        if (maxProcessorLag < 0) {
            throw new IllegalArgumentException("commerce.health.max-processor-lag must be at least 0, was "
                    + maxProcessorLag);
        }
        if (processorCheckInterval.isNegative() || processorCheckInterval.isZero()) {
            throw new IllegalArgumentException("commerce.health.processor-check-interval must be positive, was "
                    + processorCheckInterval);
        }
        if (redisTimeout.isNegative() || redisTimeout.isZero()) {
            throw new IllegalArgumentException("commerce.health.redis-timeout must be positive, was " + redisTimeout);
        }
        ignoredProcessors = List.copyOf(ignoredProcessors);
    }

    /** How old the latest sample may be before the sampler counts as stuck (e.g. in a query that does not return). */
    public Duration staleAfter() {
        Duration fiveIntervals = processorCheckInterval.multipliedBy(5);
        return fiveIntervals.compareTo(MIN_STALE_AFTER) > 0 ? fiveIntervals : MIN_STALE_AFTER;
    }
}

package com.allinone.commerce.axonconfig.health;

import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The stock counters' Redis answers a PING within a short timeout. Written here because the nodes reach Redis through
 * our own Lettuce connection ({@link LazyRedisConnection}), not Spring Data Redis, whose indicator needs its
 * connection factory. Non-blocking: Lettuce answers on its own I/O threads, and while disconnected it rejects the
 * command at once. The timeout cancels only this caller's wait, never the shared connection attempt.
 */
public class RedisHealthIndicator implements ReactiveHealthIndicator, AutoCloseable {

    private final LazyRedisConnection redis;
    private final Duration timeout;
    private final boolean owned;

    /**
     * @param owned whether the connection is this indicator's own (a node without the stock gate's connection bean),
     *              closed with it
     */
    public RedisHealthIndicator(LazyRedisConnection redis, Duration timeout, boolean owned) {
        this.redis = redis;
        this.timeout = timeout;
        this.owned = owned;
    }

    @Override
    public Mono<Health> health() {
        return BoundedPing.health(redis.commands().flatMap(commands -> commands.ping()), timeout);
    }

    @Override
    public void close() {
        if (owned) {
            redis.close();
        }
    }
}

package com.allinone.commerce.commandside.order;

import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * How fast one customer may place orders (a flash sale's fairness rule): a token bucket per customer, kept in Redis by
 * Bucket4j so that every command node counts the same orders. The purchase limit caps what a customer can take; this
 * caps how hard one client can hammer the door for it.
 *
 * <p>Bucket4j keeps a bucket in Redis by compare-and-swap, so a customer firing 40 orders at once makes 40 writers
 * race on one key, each retrying until the check outlives its timeout and fails open: exactly the hammering this limit
 * exists to stop went through unlimited. Each active customer therefore gets one bucket proxy in this node with
 * Bucket4j's batching optimization, which folds the concurrent checks of that customer into one swap.
 *
 * <p>Fails open: when Redis does not answer in time, the order goes on (and the stock gate's own outage handling takes
 * over). A rate limit must never be the reason an order is lost.
 */
public class OrderRateLimit {

    private static final Logger log = LoggerFactory.getLogger(OrderRateLimit.class);
    private static final String KEY_PREFIX = "{rate}:orders:";

    private final LazyRedisConnection redis;
    private final Settings settings;
    private final BucketConfiguration perCustomer;
    /** Proxies of customers who ordered in the last 30 s; an evicted one is built again (its bucket stays in Redis). */
    private final Cache<String, AsyncBucketProxy> customers = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofSeconds(30))
            .maximumSize(100_000)
            .build();
    private volatile CompletableFuture<AsyncProxyManager<String>> buckets;

    /**
     * @param burst     orders a customer may place at once
     * @param perSecond orders a customer may place per second once the burst is spent; 0 turns the limit off
     * @param timeout   how long an order waits for Redis before it goes on unlimited
     */
    public record Settings(int burst, int perSecond, Duration timeout) {

        boolean enabled() {
            return perSecond > 0 && burst > 0;
        }
    }

    public OrderRateLimit(LazyRedisConnection redis, Settings settings) {
        this.redis = redis;
        this.settings = settings;
        this.perCustomer = settings.enabled() ? BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(settings.burst())
                        .refillGreedy(settings.perSecond(), Duration.ofSeconds(1)))
                .build() : null;
    }

    /** Completes with 0 when the customer may place an order now, otherwise with the seconds to wait. */
    public Mono<Long> secondsToWait(String customerId) {
        if (!settings.enabled()) {
            return Mono.just(0L);
        }
        return Mono.defer(() -> Mono.fromFuture(buckets()))
                .flatMap(manager -> Mono.fromFuture(bucketOf(manager, customerId).tryConsumeAndReturnRemaining(1)))
                .map(OrderRateLimit::secondsToWait)
                .timeout(settings.timeout(), Mono.just(0L))
                .onErrorResume(e -> {
                    log.debug("Order rate limit not checked ({}); the order goes on", e.toString());
                    return Mono.just(0L);
                });
    }

    private AsyncBucketProxy bucketOf(AsyncProxyManager<String> manager, String customerId) {
        return customers.get(customerId, id -> manager.builder()
                .withOptimization(Optimizations.batching())
                .build(KEY_PREFIX + id, () -> CompletableFuture.completedFuture(perCustomer)));
    }

    private static long secondsToWait(ConsumptionProbe probe) {
        return probe.isConsumed() ? 0L
                : Math.max(1L, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    private CompletableFuture<AsyncProxyManager<String>> buckets() {
        CompletableFuture<AsyncProxyManager<String>> current = buckets;
        if (current == null || current.isCompletedExceptionally()) {
            synchronized (this) {
                if (buckets == null || buckets.isCompletedExceptionally()) {
                    buckets = redis.binaryConnection().thenApply(connection -> Bucket4jLettuce
                            .casBasedBuilder(connection)
                            // A bucket disappears once it would be full again: Redis holds only active customers.
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .build()
                            .asAsync());
                }
                current = buckets;
            }
        }
        return current;
    }
}

package com.allinone.commerce.queryside.catalog;

import com.allinone.commerce.api.inventory.StockKeys;
import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import io.lettuce.core.KeyValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The live available units of SKUs, read from the stock gate's Redis counters: the authority (DESIGN §6), never a
 * second copy kept by increments. One MGET per catalog page. When Redis cannot answer, the page is still served, with
 * availability unknown rather than an error.
 */
public class AvailableStock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AvailableStock.class);

    private final LazyRedisConnection redis;

    /** @param url the Redis of the stock counters, or null when this node has none (availability unknown) */
    public AvailableStock(String url, Duration timeout) {
        if (url == null) {
            log.warn("No SPRING_DATA_REDIS_URL: product availability is unknown on this node");
        }
        this.redis = url == null ? null : new LazyRedisConnection(url, timeout);
    }

    /** Available units per SKU; a SKU Redis has no counter for has 0; an empty map when Redis cannot answer. */
    public Mono<Map<String, Long>> of(List<String> skus) {
        if (skus.isEmpty() || redis == null) {
            return Mono.just(Map.of());
        }
        String[] keys = skus.stream().map(StockKeys::available).toArray(String[]::new);
        return redis.commands()
                .flatMap(commands -> commands.mget(keys).collectList())
                .map(values -> {
                    Map<String, Long> available = new HashMap<>();
                    for (int i = 0; i < skus.size(); i++) {
                        KeyValue<String, String> value = values.get(i);
                        available.put(skus.get(i), value.hasValue() ? Long.parseLong(value.getValue()) : 0L);
                    }
                    return available;
                })
                .onErrorResume(e -> {
                    log.warn("Available stock unknown, Redis did not answer: {}", e.toString());
                    return Mono.just(Map.of());
                });
    }

    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}

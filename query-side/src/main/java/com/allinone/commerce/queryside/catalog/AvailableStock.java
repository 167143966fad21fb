package com.allinone.commerce.queryside.catalog;

import com.allinone.commerce.api.inventory.StockKeys;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
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

    private final RedisClient client;
    private final RedisURI uri;
    private volatile StatefulRedisConnection<String, String> connection;

    /** @param url the Redis of the stock counters, or null when this node has none (availability unknown) */
    public AvailableStock(String url, Duration timeout) {
        if (url == null) {
            log.warn("No SPRING_DATA_REDIS_URL: product availability is unknown on this node");
            this.uri = null;
            this.client = null;
            return;
        }
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(timeout);
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    /** Available units per SKU; a SKU Redis has no counter for has 0; an empty map when Redis cannot answer. */
    public Mono<Map<String, Long>> of(List<String> skus) {
        if (skus.isEmpty() || client == null) {
            return Mono.just(Map.of());
        }
        String[] keys = skus.stream().map(StockKeys::available).toArray(String[]::new);
        return connection()
                .flatMap(c -> c.reactive().mget(keys).collectList())
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

    private Mono<StatefulRedisConnection<String, String>> connection() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            return Mono.just(open);
        }
        return Mono.fromCompletionStage(() -> client.connectAsync(StringCodec.UTF8, uri)).map(this::keepFirst);
    }

    private synchronized StatefulRedisConnection<String, String> keepFirst(StatefulRedisConnection<String, String> c) {
        if (connection == null) {
            connection = c;
        } else if (connection != c) {
            c.closeAsync();
        }
        return connection;
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            open.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}

package com.allinone.commerce.axonconfig.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * One Lettuce connection to the stock counters' Redis, shared by every caller (Lettuce multiplexes). Connected
 * lazily, so a node starts while Redis is down instead of failing; once connected Lettuce reconnects by itself, backing
 * off to at most 5 s (its default is 30 s). While disconnected, commands are rejected at once rather than queued: an
 * outage costs a caller a quick error, never a hang.
 */
public class LazyRedisConnection implements AutoCloseable {

    private final RedisClient client;
    private final RedisURI uri;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile CompletableFuture<StatefulRedisConnection<String, byte[]>> binary;

    public LazyRedisConnection(String url, Duration commandTimeout) {
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(commandTimeout);
        this.client = RedisClient.create(ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2,
                        TimeUnit.MILLISECONDS))
                .build());
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
    }

    public Mono<RedisReactiveCommands<String, String>> commands() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            return Mono.just(open.reactive());
        }
        return Mono.fromCompletionStage(() -> client.connectAsync(StringCodec.UTF8, uri))
                .map(this::keepFirst)
                .map(StatefulRedisConnection::reactive);
    }

    /**
     * A second connection on the same client, with binary values (what libraries that store their own encoding, like
     * Bucket4j, need). Opened on first use; a failed open is retried by the next call.
     */
    public CompletableFuture<StatefulRedisConnection<String, byte[]>> binaryConnection() {
        CompletableFuture<StatefulRedisConnection<String, byte[]>> open = binary;
        if (open != null && !open.isCompletedExceptionally()) {
            return open;
        }
        synchronized (this) {
            if (binary == null || binary.isCompletedExceptionally()) {
                binary = client.connectAsync(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri)
                        .toCompletableFuture();
            }
            return binary;
        }
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
        CompletableFuture<StatefulRedisConnection<String, byte[]>> openBinary = binary;
        if (openBinary != null && openBinary.isDone() && !openBinary.isCompletedExceptionally()) {
            openBinary.join().close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        client.getResources().shutdown(0, 2, TimeUnit.SECONDS);
    }
}

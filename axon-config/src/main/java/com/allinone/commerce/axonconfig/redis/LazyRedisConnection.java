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
import java.util.concurrent.atomic.AtomicReference;
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
    private final Lazy<String> text = new Lazy<>(StringCodec.UTF8);
    private final Lazy<byte[]> binary = new Lazy<>(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));

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
        // Suppress cancellation: the connection attempt is shared, and one caller giving up must not fail the others.
        return Mono.fromFuture(text::connection, true).map(StatefulRedisConnection::reactive);
    }

    /**
     * A second connection on the same client, with binary values (what libraries that store their own encoding, like
     * Bucket4j, need). Opened on first use; a failed open is retried by the next call.
     */
    public CompletableFuture<StatefulRedisConnection<String, byte[]>> binaryConnection() {
        return binary.connection();
    }

    /**
     * One connection with one codec, opened on first use. Concurrent first callers share the attempt; a failed attempt
     * is replaced by the next call's, so a node that started while Redis was down connects once it is back.
     */
    private final class Lazy<V> {

        private final RedisCodec<String, V> codec;
        private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, V>>> attempt =
                new AtomicReference<>();

        Lazy(RedisCodec<String, V> codec) {
            this.codec = codec;
        }

        CompletableFuture<StatefulRedisConnection<String, V>> connection() {
            CompletableFuture<StatefulRedisConnection<String, V>> current = attempt.get();
            if (current != null && !current.isCompletedExceptionally()) {
                return current;
            }
            CompletableFuture<StatefulRedisConnection<String, V>> next = new CompletableFuture<>();
            if (!attempt.compareAndSet(current, next)) {
                return attempt.get();
            }
            client.connectAsync(codec, uri).whenComplete((connection, failure) -> {
                if (failure != null) {
                    next.completeExceptionally(failure);
                } else {
                    next.complete(connection);
                }
            });
            return next;
        }

        void close() {
            CompletableFuture<StatefulRedisConnection<String, V>> current = attempt.get();
            if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
                current.join().close();
            }
        }
    }

    @Override
    public void close() {
        text.close();
        binary.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        client.getResources().shutdown(0, 2, TimeUnit.SECONDS);
    }
}

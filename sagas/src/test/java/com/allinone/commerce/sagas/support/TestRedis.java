package com.allinone.commerce.sagas.support;

import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import com.allinone.commerce.sagas.inventory.StockGate;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * The Redis the tests run against: the server named by {@code SPRING_DATA_REDIS_URL} when set (CI: the machine's
 * own), otherwise one embedded server for the whole test JVM. Tests never flush it: every key they touch carries a
 * fresh SKU or order id. Tests that stop Redis start a {@link #privateServer() private} one instead.
 */
public final class TestRedis {

    private static String sharedUrl;

    private TestRedis() {
    }

    public static synchronized String url() {
        if (sharedUrl == null) {
            String configured = System.getenv("SPRING_DATA_REDIS_URL");
            if (configured != null && !configured.isBlank()) {
                sharedUrl = configured;
            } else {
                RedisServer server = start(freePort());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server)));
                sharedUrl = "redis://127.0.0.1:" + server.ports().get(0);
            }
        }
        return sharedUrl;
    }

    /** How long the tests' gates keep settled reservation records. */
    public static final Duration RETENTION = Duration.ofDays(30);
    /** How long they keep the record of an order refused for short stock. */
    public static final Duration SHORT_RETENTION = Duration.ofMinutes(5);

    public static StockGate stockGate(LazyRedisConnection redis) {
        return new StockGate(redis, Clock.systemUTC(), RETENTION, SHORT_RETENTION);
    }

    public static LazyRedisConnection redisConnection(String url) {
        return new LazyRedisConnection(url, Duration.ofSeconds(2));
    }

    /** A plain synchronous connection, for arranging and inspecting keys directly. */
    public static RedisCommands<String, String> admin(String url) {
        StatefulRedisConnection<String, String> connection = RedisClient.create(url).connect();
        return connection.sync();
    }

    /** An embedded Redis only this test uses, on a free loopback port, keeping nothing on disk. */
    public static RedisServer privateServer() {
        return start(freePort());
    }

    public static RedisServer start(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void stopQuietly(RedisServer server) {
        try {
            server.stop();
        } catch (IOException | RuntimeException ignored) {
            // Already stopped.
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

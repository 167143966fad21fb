package com.allinone.commerce.standalone;

import com.allinone.commerce.axonconfig.redis.RedisEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.embedded.RedisServer;

/**
 * Without {@code SPRING_DATA_REDIS_URL}, a real Redis binary (bundled in the embedded-redis artifact) on a free
 * loopback port, never clashing with a Redis already on the machine. It keeps an append-only file in the data folder,
 * so the counters survive a restart; if they are lost anyway, the stock ledger rebuilds them from the event store.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.data.redis.url", matchIfMissing = true, havingValue = "embedded")
public class EmbeddedRedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisConfiguration.class);

    @Bean(destroyMethod = "stop")
    public RedisServer embeddedRedisServer(@Value("${commerce.data-dir}") String dataDir) throws IOException {
        Path folder = Files.createDirectories(Path.of(dataDir, "redis"));
        int port = freeLoopbackPort();
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + folder)
                .setting("appendonly yes")
                .setting("save \"\"")
                .setting("protected-mode yes")
                .build();
        server.start();
        log.info("Embedded Redis on 127.0.0.1:{} (data in {})", port, folder);
        return server;
    }

    @Bean
    public RedisEndpoint embeddedRedisEndpoint(RedisServer embeddedRedisServer) {
        return new RedisEndpoint("redis://127.0.0.1:" + embeddedRedisServer.ports().get(0));
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

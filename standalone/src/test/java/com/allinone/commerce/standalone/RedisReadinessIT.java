package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.clientOf;
import static com.allinone.commerce.standalone.CommerceApi.mintToken;
import static com.allinone.commerce.standalone.CommerceApi.newDataDir;
import static com.allinone.commerce.standalone.CommerceApi.unique;
import static com.allinone.commerce.standalone.HealthProbes.LIVENESS;
import static com.allinone.commerce.standalone.HealthProbes.READINESS;
import static com.allinone.commerce.standalone.HealthProbes.ask;
import static com.allinone.commerce.standalone.HealthProbes.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import redis.embedded.RedisServer;

/**
 * A node whose Redis is gone is live but not ready, and ready again once Redis is back. The Redis is the test's own,
 * on its own port (never the machine's shared server), so the app is too: the shared one's Redis must stay up.
 */
class RedisReadinessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void readinessFollowsRedisDownAndBackUpWhileLivenessStaysUp() throws IOException {
        int port = OwnRedis.freePort();
        RedisServer redis = OwnRedis.start(port);
        try (ConfigurableApplicationContext app = CommerceApi.startStandalone(newDataDir("redis-readiness-"),
                "--spring.data.redis.url=redis://127.0.0.1:" + port)) {
            WebTestClient web = clientOf(app).mutate().responseTimeout(Duration.ofSeconds(30)).build();
            String admin = mintToken(web, unique("it-admin"), "ADMIN");
            Awaitility.await().atMost(WAIT).until(() -> statusOf(web, READINESS) == 200);

            redis.stop();
            Awaitility.await().atMost(WAIT).until(() -> statusOf(web, READINESS) == 503);
            HealthProbes.Answer readiness = ask(web, READINESS, admin);
            assertThat(readiness.component("redis")).containsEntry("status", "DOWN");
            assertThat(readiness.component("db")).containsEntry("status", "UP");
            assertThat(statusOf(web, LIVENESS)).isEqualTo(200);

            redis = OwnRedis.start(port);
            Awaitility.await().atMost(WAIT).until(() -> statusOf(web, READINESS) == 200);
            assertThat(ask(web, READINESS, admin).component("redis")).containsEntry("status", "UP");
        } finally {
            redis.stop();
        }
    }
}

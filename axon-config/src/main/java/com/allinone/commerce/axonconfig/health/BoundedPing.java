package com.allinone.commerce.axonconfig.health;

import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import reactor.core.publisher.Mono;

/** A store is UP when it answers a ping within the timeout, DOWN (with the reason) otherwise: a probe never waits. */
final class BoundedPing {

    private BoundedPing() {
    }

    static Mono<Health> health(Mono<?> ping, Duration timeout) {
        return ping.timeout(timeout)
                .map(answer -> Health.up().build())
                .onErrorResume(failure -> Mono.just(Health.down(failure).build()));
    }
}

package com.allinone.commerce.axonconfig.health;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * UP while every streaming processor of this node is caught up: not replaying after a token reset, and at most
 * {@code commerce.health.max-processor-lag} events behind the head of the event store. Reads the
 * {@link ProcessorLagSampler}'s latest sample and does no I/O, so it answers at once on any thread.
 */
public class EventProcessorsHealthIndicator implements ReactiveHealthIndicator {

    private final ProcessorLagSampler sampler;
    private final HealthSettings settings;
    private final Clock clock;

    public EventProcessorsHealthIndicator(ProcessorLagSampler sampler, HealthSettings settings, Clock clock) {
        this.sampler = sampler;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(this::current);
    }

    Health current() {
        ProcessorLagSampler.Sample sample = sampler.latest();
        if (sample == null) {
            return Health.down().withDetail("reason", "not measured yet").build();
        }
        Duration age = Duration.between(sample.at(), clock.instant());
        if (age.compareTo(settings.staleAfter()) > 0) {
            return Health.down()
                    .withDetail("reason", "the latest measurement is " + age.toSeconds()
                            + " s old: the event store does not answer the head query")
                    .withDetail("measuredAt", sample.at().toString())
                    .build();
        }
        Map<String, Object> processors = new LinkedHashMap<>();
        boolean caughtUp = true;
        for (ProcessorLag processor : sample.processors()) {
            processors.put(processor.processor(), processor.details());
            caughtUp &= processor.caughtUp(settings.maxProcessorLag());
        }
        return (caughtUp ? Health.up() : Health.down())
                .withDetail("head", sample.head())
                .withDetail("maxLag", settings.maxProcessorLag())
                .withDetail("processors", processors)
                .build();
    }
}

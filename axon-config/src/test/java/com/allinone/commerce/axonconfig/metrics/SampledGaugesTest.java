package com.allinone.commerce.axonconfig.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SampledGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SampledGauges gauges = new SampledGauges(registry, Duration.ofSeconds(15));

    @Test
    void aScrapeReadsTheLastSampleAndNeverCallsTheSource() {
        AtomicLong calls = new AtomicLong();
        gauges.register("parked", "test", Tags.of("group", "g"), calls::incrementAndGet);

        assertThat(registry.get("parked").gauge().value()).isNaN();
        gauges.sampleAll();
        registry.get("parked").gauge().value();
        registry.get("parked").gauge().value();

        assertThat(registry.get("parked").gauge().value()).isEqualTo(1.0);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFailedSampleReadsUnknownNotTheLastValue() {
        AtomicLong source = new AtomicLong(7);
        gauges.register("flows", "test", Tags.empty(), () -> {
            if (source.get() < 0) {
                throw new IllegalStateException("database down");
            }
            return source.get();
        });
        gauges.sampleAll();
        source.set(-1);

        gauges.sampleAll();

        assertThat(registry.get("flows").gauge().value()).isNaN();
    }
}

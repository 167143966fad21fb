package com.allinone.commerce.axonconfig.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import org.axonframework.config.EventProcessingConfiguration;

/**
 * {@value #METER}: the dead letters each projector group has parked (a projector that failed on an event parks that
 * event's flow, DESIGN §6). The queues live in MongoDB behind Axon's synchronous API, so each group's count is taken
 * on the sampler's thread, never on a scrape.
 */
public final class ParkedDeadLetters {

    public static final String METER = "commerce.dead.letters.parked";

    private ParkedDeadLetters() {
    }

    public static void register(SampledGauges gauges, EventProcessingConfiguration processing,
                                Collection<String> groups) {
        groups.stream().distinct().sorted().forEach(group -> gauges.register(METER,
                "Dead letters parked by a projector, waiting to be retried or evicted",
                Tags.of("processing_group", group),
                () -> processing.deadLetterQueue(group)
                        .orElseThrow(() -> new IllegalStateException("No dead-letter queue for " + group))
                        .size()));
    }
}

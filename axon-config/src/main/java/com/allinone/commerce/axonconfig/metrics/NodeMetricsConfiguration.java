package com.allinone.commerce.axonconfig.metrics;

import com.allinone.commerce.axonconfig.processing.QueryNodeAxonConfiguration;
import com.allinone.commerce.axonconfig.processing.QueryNodeProcessingGroups;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * Meters every node shares (README "Metrics"). HTTP, JVM and Axon's own meters come from Spring Boot and
 * axon-micrometer as they are; this adds the gauges that need a sampler, and the query node's parked dead letters.
 */
@AutoConfiguration(after = QueryNodeAxonConfiguration.class, afterName =
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
public class NodeMetricsConfiguration {

    @Bean
    public SampledGauges sampledGauges(MeterRegistry registry,
                                       @Value("${commerce.metrics.sample-interval:15s}") Duration interval) {
        return new SampledGauges(registry, interval);
    }

    /** The query node's projectors; registered once their queues exist, sampled in the background. */
    @Bean
    @ConditionalOnBean(QueryNodeAxonConfiguration.class)
    public ConfigurerModule parkedDeadLetterGauges(SampledGauges gauges, List<QueryNodeProcessingGroups> groups) {
        return configurer -> configurer.onInitialize(config -> ParkedDeadLetters.register(gauges,
                config.eventProcessingConfiguration(),
                groups.stream().flatMap(g -> g.names().stream()).toList()));
    }
}

package com.allinone.commerce.axonconfig.health;

import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import com.allinone.commerce.axonconfig.redis.RedisEndpoint;
import com.allinone.commerce.axonconfig.redis.RedisEndpointConfiguration;
import java.time.Clock;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The readiness indicators a node's stores do not come with (README "Operating it"): Redis, and the event
 * processors' lag. Bean names make the component names: {@code redis}, {@value #EVENT_PROCESSORS}. The event store
 * ({@code db}, or {@code axonServer}) and MongoDB ({@code mongo}) use Spring Boot's and Axon's own indicators.
 */
@AutoConfiguration(after = {AxonAutoConfiguration.class, RedisEndpointConfiguration.class})
@ConditionalOnClass(ReactiveHealthIndicator.class)
@EnableConfigurationProperties(HealthSettings.class)
public class HealthConfiguration {

    public static final String EVENT_PROCESSORS = "eventProcessors";

    @Bean
    public ProcessorLagSampler processorLagSampler(EventProcessingConfiguration processing, EventStore eventStore,
                                                   HealthSettings settings) {
        return new ProcessorLagSampler(processing, eventStore, settings, Clock.systemUTC());
    }

    @Bean(name = EVENT_PROCESSORS + "HealthIndicator")
    public EventProcessorsHealthIndicator eventProcessorsHealthIndicator(ProcessorLagSampler sampler,
                                                                         HealthSettings settings) {
        return new EventProcessorsHealthIndicator(sampler, settings, Clock.systemUTC());
    }

    /**
     * Through the stock gate's own connection where the node has one (command node, standalone); the query node reads
     * the counters through a connection private to its catalog, so it pings through one of its own.
     */
    @Bean
    @ConditionalOnBean(RedisEndpoint.class)
    public RedisHealthIndicator redisHealthIndicator(ObjectProvider<LazyRedisConnection> stockRedis,
                                                     RedisEndpoint endpoint, HealthSettings settings) {
        LazyRedisConnection shared = stockRedis.getIfUnique();
        return shared != null
                ? new RedisHealthIndicator(shared, settings.redisTimeout(), false)
                : new RedisHealthIndicator(new LazyRedisConnection(endpoint.url(), settings.redisTimeout()),
                        settings.redisTimeout(), true);
    }
}

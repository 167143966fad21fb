package com.allinone.commerce.axonconfig.health;

import java.time.Duration;
import org.springframework.boot.actuate.autoconfigure.data.mongo.MongoReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.data.mongo.MongoReactiveDataAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * MongoDB's readiness by {@code ping}, on every node that has MongoDB. Boot's indicator asks {@code hello}, which the
 * embedded wire-protocol server (standalone, and the query nodes of the split-topology test) does not know, so it
 * would always say DOWN there; a real MongoDB answers both. Named as Boot's, so Boot's steps aside and readiness's
 * {@code mongo} component is this one.
 */
@AutoConfiguration(after = MongoReactiveDataAutoConfiguration.class,
        before = MongoReactiveHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ReactiveMongoTemplate.class, ReactiveHealthIndicator.class})
@ConditionalOnBean(ReactiveMongoTemplate.class)
public class MongoPingHealthConfiguration {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    public ReactiveHealthIndicator mongoHealthIndicator(ReactiveMongoTemplate mongo) {
        return () -> BoundedPing.health(mongo.executeCommand("{ ping: 1 }"), PING_TIMEOUT);
    }
}

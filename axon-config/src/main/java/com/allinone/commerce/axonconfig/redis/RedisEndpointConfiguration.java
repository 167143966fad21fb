package com.allinone.commerce.axonconfig.redis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The Redis named by {@code SPRING_DATA_REDIS_URL}, unless the app provides its own (standalone's embedded one). */
@AutoConfiguration
public class RedisEndpointConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("spring.data.redis.url")
    public RedisEndpoint redisEndpoint(Environment environment) {
        return new RedisEndpoint(environment.getRequiredProperty("spring.data.redis.url"));
    }
}

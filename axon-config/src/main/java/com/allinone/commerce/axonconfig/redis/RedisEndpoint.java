package com.allinone.commerce.axonconfig.redis;

/**
 * Where the stock counters' Redis is: {@code SPRING_DATA_REDIS_URL} ({@code redis://host:port}, {@code rediss://…}
 * for TLS), or an embedded server standalone starts when that is unset. The command node's stock gate writes there;
 * the query node reads the available counters from it.
 */
public record RedisEndpoint(String url) {
}

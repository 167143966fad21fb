package com.allinone.commerce.sagas.inventory;

/**
 * Where the stock gate's Redis is: {@code SPRING_DATA_REDIS_URL} ({@code redis://host:port}, {@code rediss://…} for
 * TLS), or an embedded server standalone starts when that is unset.
 */
public record StockRedisEndpoint(String url) {
}

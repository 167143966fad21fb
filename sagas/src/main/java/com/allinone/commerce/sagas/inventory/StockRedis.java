package com.allinone.commerce.sagas.inventory;

import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import java.time.Duration;

/** The stock gate's connection to Redis: the node's shared lazy connection with the gate's call timeout. */
public class StockRedis extends LazyRedisConnection {

    public StockRedis(String url, Duration commandTimeout) {
        super(url, commandTimeout);
    }
}

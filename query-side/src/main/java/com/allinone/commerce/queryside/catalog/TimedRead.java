package com.allinone.commerce.queryside.catalog;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;

/**
 * What MongoDB answered and when it was asked ({@link System#nanoTime()}, the clock Caffeine keeps time with).
 *
 * @param value null when MongoDB had nothing
 */
record TimedRead<T>(T value, long askedAt) {

    /**
     * Expires a cached read {@code ttl} after it was asked, not after its answer came in: the cache then never serves
     * a copy older than {@code ttl}, however long MongoDB took to answer.
     */
    static <K, T> Expiry<K, TimedRead<T>> expiringAfter(Duration ttl) {
        long ttlNanos = ttl.toNanos();
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(K key, TimedRead<T> read, long now) {
                return Math.max(0, read.askedAt() + ttlNanos - now);
            }

            @Override
            public long expireAfterUpdate(K key, TimedRead<T> read, long now, long currentDuration) {
                return expireAfterCreate(key, read, now);
            }

            @Override
            public long expireAfterRead(K key, TimedRead<T> read, long now, long currentDuration) {
                return currentDuration;
            }
        };
    }
}

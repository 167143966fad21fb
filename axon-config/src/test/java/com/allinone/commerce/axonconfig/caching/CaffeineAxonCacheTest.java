package com.allinone.commerce.axonconfig.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class CaffeineAxonCacheTest {

    @Test
    void keepsWhatWasPutUntilItIsRemoved() {
        Cache cache = new CaffeineAxonCache(10);

        cache.put("order-1", "v1");
        assertThat(cache.<String, String>get("order-1")).isEqualTo("v1");
        assertThat(cache.putIfAbsent("order-1", "v2")).isFalse();
        assertThat(cache.<String, String>get("order-1")).isEqualTo("v1");

        assertThat(cache.remove("order-1")).isTrue();
        assertThat(cache.containsKey("order-1")).isFalse();
        assertThat(cache.<String, String>get("order-1")).isNull();
        assertThat(cache.remove("order-1")).isFalse();
    }

    @Test
    void computesOnlyWhatIsAbsentAndUpdatesOnlyWhatIsPresent() {
        Cache cache = new CaffeineAxonCache(10);

        assertThat(cache.computeIfAbsent("a", () -> "computed")).isEqualTo("computed");
        assertThat(cache.computeIfAbsent("a", () -> "again")).isEqualTo("computed");
        cache.<String>computeIfPresent("a", value -> value + "!");
        cache.<String>computeIfPresent("b", value -> "never");

        assertThat(cache.<String, String>get("a")).isEqualTo("computed!");
        assertThat(cache.containsKey("b")).isFalse();
    }

    @Test
    void staysWithinItsBound() {
        CaffeineAxonCache cache = new CaffeineAxonCache(100);
        List<Object> expired = new CopyOnWriteArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });

        for (int i = 0; i < 1_000; i++) {
            cache.put("order-" + i, i);
        }

        // Caffeine evicts asynchronously; every entry over the bound is reported as expired.
        await().atMost(Duration.ofSeconds(10)).until(() -> expired.size() >= 900);
        long kept = IntStream.range(0, 1_000).filter(i -> cache.containsKey("order-" + i)).count();
        assertThat(kept).isLessThanOrEqualTo(100);
    }

    @Test
    void tellsListenersWhatHappenedUntilTheyUnregister() {
        Cache cache = new CaffeineAxonCache(10);
        List<String> seen = new CopyOnWriteArrayList<>();
        Registration registration = cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                seen.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                seen.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                seen.add("removed " + key);
            }
        });

        cache.put("k", 1);
        cache.put("k", 2);
        cache.remove("k");
        registration.cancel();
        cache.put("k", 3);

        assertThat(seen).containsExactly("created k", "updated k", "removed k");
    }
}

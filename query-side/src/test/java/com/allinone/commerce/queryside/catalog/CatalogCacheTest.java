package com.allinone.commerce.queryside.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LONG_TTL = Duration.ofMinutes(10);

    private final CatalogMongo catalog = new CatalogMongo();

    @AfterEach
    void stopMongo() {
        catalog.close();
    }

    @Test
    void servesItsCopyUntilThisNodesProjectorSaysTheProductChanged() {
        CatalogCache cache = new CatalogCache(catalog.mongo, CatalogMongo.COLLECTION, 100, LONG_TTL);
        catalog.product("SKU-A", "shoes", 1_000);
        assertThat(priceOf(cache.product("SKU-A").block(WAIT))).isEqualTo(1_000);
        assertThat(skus(cache.page("shoes", null, 10).block(WAIT))).containsExactly("SKU-A");

        catalog.change("SKU-A", 1, Map.of("price", new Document("amount", 900L).append("currency", "KRW")));
        catalog.product("SKU-B", "shoes", 2_000);
        assertThat(priceOf(cache.product("SKU-A").block(WAIT))).as("served from memory").isEqualTo(1_000);

        cache.changed("SKU-A");
        assertThat(priceOf(cache.product("SKU-A").block(WAIT))).isEqualTo(900);
        assertThat(skus(cache.page("shoes", null, 10).block(WAIT))).as("every page dropped")
                .containsExactly("SKU-A", "SKU-B");
    }

    @Test
    void anUnknownSkuIsAbsentUntilItsProductIsCreated() {
        CatalogCache cache = new CatalogCache(catalog.mongo, CatalogMongo.COLLECTION, 100, LONG_TTL);
        assertThat(cache.product("SKU-NEW").blockOptional(WAIT)).isEmpty();

        catalog.product("SKU-NEW", "shoes", 1_000);
        cache.changed("SKU-NEW");

        assertThat(cache.product("SKU-NEW").blockOptional(WAIT)).isPresent();
    }

    /** Another query node's projector changed the document: no local notice, only the bound. */
    @Test
    void aChangeAnotherNodeProjectedIsServedWithinTheTtl() {
        Duration ttl = Duration.ofMillis(300);
        CatalogCache cache = new CatalogCache(catalog.mongo, CatalogMongo.COLLECTION, 100, ttl);
        catalog.product("SKU-C", "bags", 5_000);
        assertThat(cache.product("SKU-C").block(WAIT).getBoolean("discontinued")).isFalse();
        assertThat(cache.page("bags", null, 10).block(WAIT).get(0).getBoolean("discontinued")).isFalse();

        catalog.change("SKU-C", 1, Map.of("discontinued", true));
        long changedAt = System.nanoTime();

        Awaitility.await().atMost(ttl.plusMillis(200)).pollInterval(Duration.ofMillis(20)).until(() ->
                cache.product("SKU-C").block(WAIT).getBoolean("discontinued")
                        && cache.page("bags", null, 10).block(WAIT).get(0).getBoolean("discontinued"));
        assertThat(Duration.ofNanos(System.nanoTime() - changedAt)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void pagesFollowTheKeysetAndTheCategory() {
        CatalogCache cache = new CatalogCache(catalog.mongo, CatalogMongo.COLLECTION, 100, LONG_TTL);
        catalog.product("SKU-1", "shoes", 1);
        catalog.product("SKU-2", "bags", 2);
        catalog.product("SKU-3", "shoes", 3);
        catalog.product("SKU-4", "shoes", 4);

        assertThat(skus(cache.page(null, null, 3).block(WAIT))).containsExactly("SKU-1", "SKU-2", "SKU-3");
        assertThat(skus(cache.page("shoes", "SKU-1", 3).block(WAIT))).containsExactly("SKU-3", "SKU-4");
        assertThat(skus(cache.page("hats", null, 3).block(WAIT))).isEmpty();
    }

    private static long priceOf(Document product) {
        return ((Number) product.get("price", Document.class).get("amount")).longValue();
    }

    private static List<String> skus(List<Document> page) {
        return page.stream().map(p -> p.getString("_id")).toList();
    }
}

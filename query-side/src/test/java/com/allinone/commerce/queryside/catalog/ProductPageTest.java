package com.allinone.commerce.queryside.catalog;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The product page's validators, over an embedded MongoDB and a Redis that does not answer. */
class ProductPageTest {

    private final CatalogMongo catalog = new CatalogMongo();
    private final AvailableStock noRedis = new AvailableStock("redis://127.0.0.1:" + closedPort(),
            Duration.ofMillis(200));
    private final CatalogCache cache = new CatalogCache(catalog.mongo, CatalogMongo.COLLECTION, 100,
            Duration.ofMinutes(10));
    private final WebTestClient web = WebTestClient.bindToController(new CatalogQueryController(cache, noRedis))
            .build();

    @AfterEach
    void stop() {
        noRedis.close();
        catalog.close();
    }

    @Test
    void answersWithAvailabilityUnknownAndATagThatSaysSoWhenRedisDoesNotAnswer() {
        catalog.product("SKU-R", "shoes", 1_000);

        web.get().uri("/api/products/SKU-R").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"0.unknown\"")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectBody().jsonPath("$.available").doesNotExist()
                .jsonPath("$.price.amount").isEqualTo(1_000);
        web.get().uri("/api/products").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].sku").isEqualTo("SKU-R")
                .jsonPath("$.items[0].available").doesNotExist();
    }

    @Test
    void aMatchingTagIsNotModifiedAndAChangedProductHasANewTag() {
        catalog.product("SKU-E", "shoes", 1_000);
        String tag = web.get().uri("/api/products/SKU-E").exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseHeaders().getETag();

        web.get().uri("/api/products/SKU-E").header(HttpHeaders.IF_NONE_MATCH, tag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, tag)
                .expectBody().isEmpty();

        catalog.change("SKU-E", 1, Map.of("price", new Document("amount", 900L).append("currency", "KRW")));
        cache.changed("SKU-E");
        web.get().uri("/api/products/SKU-E").header(HttpHeaders.IF_NONE_MATCH, tag).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1.unknown\"")
                .expectBody().jsonPath("$.price.amount").isEqualTo(900);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

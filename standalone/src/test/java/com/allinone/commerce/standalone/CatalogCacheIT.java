package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.bodyOf;
import static com.allinone.commerce.standalone.CommerceApi.expectProblem;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static com.allinone.commerce.standalone.CommerceApi.stockOf;
import static com.allinone.commerce.standalone.CommerceApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.readmodels.catalog.CatalogProjector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The catalog served from the query node's memory (README "Catalog cache"): a change is on every page within 1 s of
 * reaching the read model, whichever node projected it; availability is always the live Redis counter.
 */
class CatalogCacheIT extends StandaloneTestSupport {

    /** The bound the issue sets: a change visible on every query node within a second. */
    private static final Duration STALENESS_BOUND = Duration.ofSeconds(1);
    private static final Duration PROJECTION = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aPriceChangeAndADiscontinuationReachTheCachedPagesWithinTheBound() {
        String sku = newSku();
        expectProblem(web.get().uri("/api/products/{sku}", sku).exchange(), HttpStatus.NOT_FOUND);
        Listed listed = listedAlone(sku, 5_000, 3);
        String admin = listed.admin();
        String category = listed.category();
        assertThat(listedPrice(category)).isEqualTo(5_000);

        web.put().uri("/api/products/{sku}/price", sku).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amount", 4_500, "currency", "KRW"))
                .exchange().expectStatus().isAccepted();
        awaitReadModel(sku, product -> priceOf(product) == 4_500);
        Awaitility.await().atMost(STALENESS_BOUND).pollInterval(Duration.ofMillis(50)).until(() ->
                priceOf(productPage(sku)) == 4_500 && listedPrice(category) == 4_500);

        web.post().uri("/api/products/{sku}/discontinue", sku).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isAccepted();
        awaitReadModel(sku, product -> product.getBoolean("discontinued"));
        Awaitility.await().atMost(STALENESS_BOUND).pollInterval(Duration.ofMillis(50)).until(() ->
                Boolean.TRUE.equals(productPage(sku).get("discontinued"))
                        && Boolean.TRUE.equals(listed(category).get(0).get("discontinued")));
    }

    /**
     * Another query node's projector applied the event: the shared MongoDB has it, this node's projector never told
     * its cache. Written here as that projector would, then put back as the events tell it.
     */
    @Test
    void aChangeAnotherQueryNodeProjectedIsServedWithinTheBound() {
        String sku = newSku();
        String category = listedAlone(sku, 7_000, 1).category();
        String tag = productResult(sku).getResponseHeaders().getETag();
        assertThat(listedPrice(category)).isEqualTo(7_000);

        ReactiveMongoTemplate mongo = applicationContext.getBean(ReactiveMongoTemplate.class);
        Query product = Query.query(Criteria.where("_id").is(sku));
        Document before = mongo.findOne(product, Document.class, CatalogProjector.COLLECTION).block(WAIT);
        mongo.updateFirst(product, new Update().set("price", new Document("amount", 6_000L).append("currency", "KRW"))
                .set("seq.product", 1L), CatalogProjector.COLLECTION).block(WAIT);
        try {
            Awaitility.await().atMost(STALENESS_BOUND).pollInterval(Duration.ofMillis(50)).until(() ->
                    priceOf(productPage(sku)) == 6_000 && listedPrice(category) == 6_000);
            assertThat(productResult(sku).getResponseHeaders().getETag()).isNotEqualTo(tag);
        } finally {
            mongo.updateFirst(product, new Update().set("price", before.get("price")).set("seq", before.get("seq")),
                    CatalogProjector.COLLECTION).block(WAIT);
        }
    }

    @Test
    void availableIsTheLiveRedisCounterOnBothPages() {
        String sku = newSku();
        String category = listedAlone(sku, 1_000, 10).category();
        assertThat(available(productPage(sku))).isEqualTo(stockOf(applicationContext, sku).available())
                .isEqualTo(10);

        String customer = newSubject();
        placeOrder(web, customer, token(customer, "CUSTOMER"), newKey(), orderBody(sku, 3));
        Awaitility.await().atMost(PROJECTION).until(() -> stockOf(applicationContext, sku).available() == 7);

        assertThat(available(productPage(sku))).isEqualTo(7);
        assertThat(available(listed(category).get(0))).isEqualTo(7);
    }

    @Test
    void theProductPageIsNotModifiedForItsOwnTagAndHasANewTagOnceItChanges() {
        Shop shop = openShop(5, 2_000);
        EntityExchangeResult<byte[]> first = productResult(shop.sku);
        String tag = first.getResponseHeaders().getETag();
        assertThat(tag).matches("\"\\d+\\.5\"");
        assertThat(first.getResponseHeaders().getCacheControl()).isEqualTo("no-cache");

        web.get().uri("/api/products/{sku}", shop.sku).header(HttpHeaders.IF_NONE_MATCH, tag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, tag)
                .expectBody().isEmpty();

        shop.order(1);
        Awaitility.await().atMost(PROJECTION).until(() -> stockOf(applicationContext, shop.sku).available() == 4);
        String afterOrder = productResult(shop.sku).getResponseHeaders().getETag();
        assertThat(afterOrder).as("the units are part of the page").isNotEqualTo(tag);

        web.put().uri("/api/products/{sku}/price", shop.sku).headers(h -> h.setBearerAuth(shop.admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amount", 1_900, "currency", "KRW"))
                .exchange().expectStatus().isAccepted();
        Awaitility.await().atMost(PROJECTION).pollInterval(Duration.ofMillis(50))
                .until(() -> priceOf(productPage(shop.sku)) == 1_900);
        web.get().uri("/api/products/{sku}", shop.sku).header(HttpHeaders.IF_NONE_MATCH, afterOrder).exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.ETAG, newTag -> assertThat(newTag).isNotIn(tag, afterOrder));
    }

    // --- helpers ---

    /** A new product with stock, alone in a category of its own, so that category's list page shows only it. */
    private Listed listedAlone(String sku, long price, int units) {
        Listed listed = new Listed(adminToken(), unique("cat"));
        web.post().uri("/api/products").headers(h -> h.setBearerAuth(listed.admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sku", sku, "name", "Runner", "description", "A light running shoe",
                        "category", listed.category(), "price", Map.of("amount", price, "currency", "KRW")))
                .exchange().expectStatus().isAccepted();
        receiveStock(web, listed.admin(), sku, units);
        return listed;
    }

    private record Listed(String admin, String category) {
    }

    private void awaitReadModel(String sku, Predicate<Document> projected) {
        ReactiveMongoTemplate mongo = applicationContext.getBean(ReactiveMongoTemplate.class);
        Awaitility.await().atMost(PROJECTION).pollInterval(Duration.ofMillis(20)).until(() -> projected.test(
                mongo.findById(sku, Document.class, CatalogProjector.COLLECTION).block(WAIT)));
    }

    /** Not asserted: polled, and WebTestClient logs every failed expectation at ERROR. */
    private EntityExchangeResult<byte[]> productResult(String sku) {
        return web.get().uri("/api/products/{sku}", sku).exchange().expectBody().returnResult();
    }

    private Map<String, Object> productPage(String sku) {
        return bodyOf(web.get().uri("/api/products/{sku}", sku).exchange().expectBody(String.class).returnResult());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> listed(String category) {
        return (List<Map<String, Object>>) bodyOf(web.get().uri("/api/products?category={category}", category)
                .exchange().expectBody(String.class).returnResult()).get("items");
    }

    private long listedPrice(String category) {
        return priceOf(listed(category).get(0));
    }

    @SuppressWarnings("unchecked")
    private static long priceOf(Map<String, Object> product) {
        return ((Number) ((Map<String, Object>) product.get("price")).get("amount")).longValue();
    }

    private static long priceOf(Document product) {
        return ((Number) product.get("price", Document.class).get("amount")).longValue();
    }

    private static Long available(Map<String, Object> product) {
        return product.get("available") == null ? null : ((Number) product.get("available")).longValue();
    }
}

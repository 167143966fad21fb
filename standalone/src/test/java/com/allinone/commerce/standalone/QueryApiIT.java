package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.bodyOf;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.expectInvalidField;
import static com.allinone.commerce.standalone.CommerceApi.expectProblem;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.postOrder;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static com.allinone.commerce.standalone.CommerceApi.shipmentAction;
import static com.allinone.commerce.standalone.CommerceApi.stockOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The query API of DESIGN §7 over the read models, through the running standalone app. */
class QueryApiIT extends StandaloneTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> STATUS_EVENTS =
            new ParameterizedTypeReference<>() {
            };

    @Test
    void anOrderShowsEachStatusWithItsTimelineAndCatalogPricedTotal() {
        Shop shop = openShop(10, 129_000);
        String orderId = shop.order(2);

        Map<String, Object> confirmed = awaitOrderStatus(shop.customerToken, orderId, "CONFIRMED");
        assertThat(confirmed.get("total")).isEqualTo(Map.of("amount", 258_000, "currency", "KRW"));
        assertThat(confirmed.get("lines")).isEqualTo(List.of(Map.of("sku", shop.sku, "quantity", 2,
                "unitPrice", Map.of("amount", 129_000, "currency", "KRW"),
                "lineTotal", Map.of("amount", 258_000, "currency", "KRW"))));
        assertThat(confirmed).containsEntry("units", 2);
        assertThat(myOrders(shop, null, 10)).singleElement()
                .satisfies(summary -> assertThat(summary).containsEntry("lines", 1).containsEntry("units", 2));
        assertThat(statuses(confirmed)).containsExactly("PLACED", "STOCK_RESERVED", "PAID", "CONFIRMED");
        assertThat(confirmed.get("payment")).asString().contains("AUTHORIZED");
        assertThat(confirmed.get("shipment")).asString().contains("CREATED");

        shipmentAction(web, shop.admin, orderId, "dispatch");
        assertThat(statuses(awaitOrderStatus(shop.customerToken, orderId, "SHIPPED"))).endsWith("SHIPPED");
        shipmentAction(web, shop.admin, orderId, "deliver");
        assertThat(statuses(awaitOrderStatus(shop.customerToken, orderId, "DELIVERED")))
                .containsExactly("PLACED", "STOCK_RESERVED", "PAID", "CONFIRMED", "SHIPPED", "DELIVERED");

        Map<String, Object> product = bodyOf(web.get().uri("/api/products/{sku}", shop.sku).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult());
        assertThat(((Number) product.get("available")).longValue())
                .isEqualTo(stockOf(applicationContext, shop.sku).available()).isEqualTo(8);
        assertThat(product).containsEntry("price", Map.of("amount", 129_000, "currency", "KRW"))
                .containsEntry("discontinued", false);
    }

    @Test
    void theConsistencyTokenWaitsForTheOrdersOwnWrite() {
        Shop shop = openShop(10, 1_000);
        String key = newKey();
        Map<String, Object> accepted = bodyOf(postOrder(web, shop.customerToken, key, orderBody(shop.sku, 1))
                .expectStatus().isAccepted().expectBody(String.class).returnResult());

        Map<String, Object> order = bodyOf(web.get()
                .uri("/api/me/orders/{id}?after={token}", accepted.get("orderId"), accepted.get("consistencyToken"))
                .headers(h -> h.setBearerAuth(shop.customerToken))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult());

        assertThat(order).containsEntry("orderId", accepted.get("orderId"));
        assertThat(((Number) order.get("version")).longValue())
                .isGreaterThanOrEqualTo(Long.parseLong((String) accepted.get("consistencyToken")));
        expectInvalidField(web.get().uri("/api/me/orders/{id}?after=soon", accepted.get("orderId"))
                .headers(h -> h.setBearerAuth(shop.customerToken)).exchange(), "after");
    }

    @Test
    void pagesOfMyOrdersNeitherSkipNorRepeatWhileNewOrdersArrive() {
        Shop shop = openShop(10_000, 1_000);
        List<String> placed = placeConcurrently(shop, 250);
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> myOrders(shop, null, 100).size() == 100
                && countAll(shop) == 250);

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = nextPage(shop, null, seen, sizes);
        // New orders keep arriving while the remaining pages are read: they sort before the first page's cursor.
        AtomicBoolean keepOrdering = new AtomicBoolean(true);
        var newcomers = Flux.range(0, 1_000).takeWhile(i -> keepOrdering.get())
                .concatMap(i -> Flux.just(i).subscribeOn(Schedulers.boundedElastic()).map(j -> shop.order(1)))
                .subscribe();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> countAll(shop) > 250);
            while (cursor != null) {
                cursor = nextPage(shop, cursor, seen, sizes);
            }
        } finally {
            keepOrdering.set(false);
            newcomers.dispose();
        }

        assertThat(sizes).containsExactly(100, 100, 50);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(placed);
        assertThat(myOrders(shop, null, 1_000)).hasSize(100);
        expectInvalidField(web.get().uri("/api/me/orders?limit=0").headers(h -> h.setBearerAuth(shop.customerToken))
                .exchange(), "limit");
        expectInvalidField(web.get().uri("/api/me/orders?cursor=not-a-cursor")
                .headers(h -> h.setBearerAuth(shop.customerToken)).exchange(), "cursor");
    }

    @Test
    void theStatusStreamSendsEachChangeInOrderAndResumesAfterTheLastEventId() {
        Shop shop = openShop(10, 1_000);
        String orderId = shop.order(1);

        List<ServerSentEvent<Map<String, Object>>> first = statusStream(shop.customerToken, orderId, null)
                .take(4).collectList().block(Duration.ofSeconds(90));
        assertThat(first).extracting(e -> e.data().get("status"))
                .containsExactly("PLACED", "STOCK_RESERVED", "PAID", "CONFIRMED");
        assertThat(first).extracting(ServerSentEvent::id).containsExactly("0", "1", "2", "3");

        List<ServerSentEvent<Map<String, Object>>> resumed = statusStream(shop.customerToken, orderId, first.get(1).id())
                .take(2).collectList().block(Duration.ofSeconds(90));
        assertThat(resumed).extracting(e -> e.data().get("status")).containsExactly("PAID", "CONFIRMED");
    }

    /**
     * Another query node projected the change: it reached the shared MongoDB but not this node's in-process
     * notification. The stream still sends it, from its poll of the order's document.
     */
    @Test
    void theStatusStreamSendsAChangeAnotherQueryNodeProjected() throws Exception {
        Shop shop = openShop(10, 1_000);
        String orderId = shop.order(1);
        awaitOrderStatus(shop.customerToken, orderId, "CONFIRMED");
        var next = statusStream(shop.customerToken, orderId, "3").next().toFuture();

        Date at = new Date();
        ReactiveMongoTemplate mongo = applicationContext.getBean(ReactiveMongoTemplate.class);
        Query order = Query.query(Criteria.where("_id").is(orderId));
        Document before = mongo.findOne(order, Document.class, MyOrdersProjector.COLLECTION)
                .block(Duration.ofSeconds(10));
        mongo.updateFirst(order,
                new Update().set("status", "SHIPPED").set("seq.order", 5L).push("timeline",
                        new Document("status", "SHIPPED").append("at", at).append("sequence", 5L)),
                MyOrdersProjector.COLLECTION).block(Duration.ofSeconds(10));
        try {
            ServerSentEvent<Map<String, Object>> shipped = next.get(30, TimeUnit.SECONDS);
            assertThat(shipped.id()).isEqualTo("5");
            assertThat(shipped.data()).containsEntry("status", "SHIPPED");
        } finally {
            // No event says SHIPPED: put the order back as its events tell it, or the read-model reconciliation of
            // every later test in this app finds a document that claims events the store does not have.
            mongo.updateFirst(order, new Update().set("status", before.get("status"))
                            .set("seq.order", ((Document) before.get("seq")).get("order"))
                            .pull("timeline", new Document("sequence", 5L)),
                    MyOrdersProjector.COLLECTION).block(Duration.ofSeconds(10));
        }
    }

    @Test
    void customersSeeOnlyTheirOwnOrdersAndNoAdminPages() {
        Shop alice = openShop(10, 1_000);
        String alicesOrder = alice.order(1);
        awaitOrderStatus(alice.customerToken, alicesOrder, "CONFIRMED");
        String bob = newSubject();
        String bobToken = token(bob, "CUSTOMER");
        placeOrder(web, bob, bobToken, newKey(), orderBody(alice.sku, 1));

        expectProblem(web.get().uri("/api/me/orders").exchange(), HttpStatus.UNAUTHORIZED);
        expectProblem(web.get().uri("/api/me/orders/{id}", alicesOrder).headers(h -> h.setBearerAuth(bobToken))
                .exchange(), HttpStatus.NOT_FOUND);
        expectProblem(web.get().uri("/api/me/orders/{id}/events", alicesOrder).accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(bobToken)).exchange(), HttpStatus.NOT_FOUND);
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !myOrdersOf(bobToken).isEmpty());
        assertThat(myOrdersOf(bobToken)).noneMatch(item -> alicesOrder.equals(item.get("orderId")));
        for (String admin : List.of("/api/admin/stats", "/api/admin/sagas", "/api/admin/dead-letters")) {
            expectProblem(web.get().uri(admin).headers(h -> h.setBearerAuth(bobToken)).exchange(),
                    HttpStatus.FORBIDDEN);
        }
        expectProblem(web.get().uri("/api/products/{sku}", newSku()).exchange(), HttpStatus.NOT_FOUND);
    }

    @Test
    void operatorsSeeSalesFiguresAndWhereEachFlowStands() {
        Shop shop = openShop(10, 7_000);
        String orderId = shop.order(3);
        awaitOrderStatus(shop.customerToken, orderId, "CONFIRMED");

        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Map<String, Object> stats = adminGet("/api/admin/stats?lowStockBelow=8");
            assertThat(stats.get("topProducts")).asString().contains(shop.sku);
            assertThat(stats.get("lowStock")).asString().contains(shop.sku);
            assertThat(stats.get("revenue")).asString().contains("KRW");
        });
        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(activeFlows()).filteredOn(f -> orderId.equals(f.get("orderId"))).singleElement()
                        .satisfies(f -> assertThat(f.get("step")).isEqualTo("AWAITING_DISPATCH")));
        expectInvalidField(web.get().uri("/api/admin/sagas?stuckFor=ages").headers(h -> h.setBearerAuth(shop.admin))
                .exchange(), "stuckFor");
    }

    // --- helpers ---

    private Map<String, Object> awaitOrderStatus(String customerToken, String orderId, String status) {
        return Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> CommerceApi.orderView(web, customerToken, orderId),
                        view -> view.isPresent() && status.equals(view.get().get("status")))
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<String> statuses(Map<String, Object> order) {
        return ((List<Map<String, Object>>) order.get("timeline")).stream().map(t -> (String) t.get("status"))
                .toList();
    }

    private Flux<ServerSentEvent<Map<String, Object>>> statusStream(String token, String orderId, String lastEventId) {
        return WebClient.create(baseUrl()).get().uri("/api/me/orders/{id}/events", orderId)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve().bodyToFlux(STATUS_EVENTS);
    }

    private List<String> placeConcurrently(Shop shop, int orders) {
        return Flux.range(0, orders).flatMap(i -> Flux.just(i).subscribeOn(Schedulers.boundedElastic())
                .map(j -> shop.order(1)), 10).collectList().block(Duration.ofMinutes(3));
    }

    /** Reads one page of 100 into {@code seen}; answers the next cursor. */
    @SuppressWarnings("unchecked")
    private String nextPage(Shop shop, String cursor, List<String> seen, List<Integer> sizes) {
        Map<String, Object> page = myOrdersPage(shop, cursor, 100);
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        sizes.add(items.size());
        items.forEach(item -> seen.add((String) item.get("orderId")));
        return (String) page.get("nextCursor");
    }

    private Map<String, Object> myOrdersPage(Shop shop, String cursor, int limit) {
        return bodyOf(web.get().uri(uri -> {
                    uri.path("/api/me/orders").queryParam("limit", limit);
                    if (cursor != null) {
                        uri.queryParam("cursor", cursor);
                    }
                    return uri.build();
                }).headers(h -> h.setBearerAuth(shop.customerToken))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> myOrders(Shop shop, String cursor, int limit) {
        return (List<Map<String, Object>>) myOrdersPage(shop, cursor, limit).get("items");
    }

    private int countAll(Shop shop) {
        Set<Object> all = new HashSet<>();
        String cursor = null;
        do {
            Map<String, Object> page = myOrdersPage(shop, cursor, 100);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            items.forEach(item -> all.add(item.get("orderId")));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return all.size();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> myOrdersOf(String token) {
        return (List<Map<String, Object>>) bodyOf(web.get().uri("/api/me/orders").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult()).get("items");
    }

    /** Every active flow, paging through the keyset cursor. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> activeFlows() {
        List<Map<String, Object>> flows = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = adminGet("/api/admin/sagas?active=true&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            flows.addAll((List<Map<String, Object>>) page.get("items"));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return flows;
    }

    private Map<String, Object> adminGet(String uri) {
        return bodyOf(web.get().uri(uri).headers(h -> h.setBearerAuth(adminToken())).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult());
    }

    private String baseUrl() {
        return "http://localhost:" + applicationContext.getEnvironment().getProperty("local.server.port");
    }
}

package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.bodyOf;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.expectProblem;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.orderView;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.readmodels.order.CustomerOrderIndex;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import com.allinone.commerce.readmodels.order.SagaStatusProjector;
import com.allinone.commerce.readmodels.timeline.OrderTimelineProjector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Blue/green rebuilds of read models through the admin API (issue 10 item 5). */
class ProjectionRebuildIT extends StandaloneTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(120);
    /** A my-orders rebuild reads the shared store twice (to build, then to prove it): allow for a busy machine. */
    private static final Duration REBUILD_WAIT = Duration.ofMinutes(5);

    @Test
    void aRebuildWhileOrdersFlowSwitchesInAndQueriesAnswerThroughout() {
        String admin = adminToken();
        String sku = newSku();
        createProduct(web, admin, sku, 1_000);
        receiveStock(web, admin, sku, 1_000);
        String customer = newSubject();
        String customerToken = token(customer, "CUSTOMER");
        String orderId = placeOrder(web, customer, customerToken, newKey(), orderBody(sku, 1));
        awaitViewStatus(customerToken, orderId, "CONFIRMED");
        // A live document gone wrong, without the projector knowing: only a rebuild from the events repairs it.
        mongo().updateFirst(Query.query(Criteria.where("_id").is(orderId)), new Update().set("status", "GARBLED"),
                MyOrdersProjector.COLLECTION).block(WAIT);

        // Orders keep coming (5 a second, within the customer's rate limit) and the customer keeps reading her
        // orders, all through the rebuild and its switch.
        List<String> placedDuring = new CopyOnWriteArrayList<>();
        List<Integer> queryAnswers = new CopyOnWriteArrayList<>();
        Disposable traffic = Flux.interval(Duration.ofMillis(200))
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromRunnable(() -> {
                    placedDuring.add(placeOrder(web, customer, customerToken, newKey(), orderBody(sku, 1)));
                    queryAnswers.add(web.get().uri("/api/me/orders?limit=5")
                            .headers(h -> h.setBearerAuth(customerToken)).exchange()
                            .returnResult(String.class).getStatus().value());
                }).subscribeOn(Schedulers.boundedElastic()))
                .subscribe();
        Map<String, Object> done;
        try {
            Awaitility.await().atMost(WAIT).until(() -> placedDuring.size() >= 3);
            Map<String, Object> started = bodyOf(web.post().uri("/api/admin/projections/my-orders/rebuild")
                    .headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isAccepted().expectBody(String.class).returnResult());
            assertThat(started).containsEntry("readModel", "my-orders").containsEntry("state", "BUILDING");
            done = awaitRebuild(admin, "my-orders");
            int placedBeforeSwitchEnded = placedDuring.size();
            Awaitility.await().atMost(WAIT).until(() -> placedDuring.size() >= placedBeforeSwitchEnded + 3);
        } finally {
            traffic.dispose();
        }

        assertThat(done).containsEntry("state", "SWITCHED").containsEntry("failure", null);
        // The shadow was proven against a fresh fold of the event store before it went live.
        assertThat((String) done.get("check")).contains("agrees against a fold").contains(" 0 mismatches");
        assertThat(((Number) done.get("processed")).longValue()).isPositive();
        assertThat(((Number) done.get("position")).longValue())
                .isGreaterThanOrEqualTo(((Number) done.get("total")).longValue());
        assertThat((List<?>) done.get("eventsPerSecondByFifth")).hasSize(5);
        assertThat(queryAnswers).isNotEmpty().allMatch(status -> status == 200);
        assertThat(orderView(web, customerToken, orderId)).get().extracting(view -> view.get("status"))
                .isEqualTo("CONFIRMED");
        assertThat(mongo().collectionExists(MyOrdersProjector.COLLECTION + "__rebuild").block(WAIT)).isFalse();
        // Every order placed before, during and after the switch reaches the new collection.
        placedDuring.forEach(placed -> awaitViewStatus(customerToken, placed, "CONFIRMED"));
        // Her list comes from the per-customer index, rebuilt and switched with the orders: it holds them all.
        assertThat(listedOrders(customerToken)).contains(orderId).containsAll(placedDuring).doesNotHaveDuplicates();
        assertThat(mongo().collectionExists(CustomerOrderIndex.collectionOf(MyOrdersProjector.COLLECTION
                + "__rebuild")).block(WAIT)).isFalse();
    }

    /** Every order of the customer's "my orders" list, page by page. */
    private List<Object> listedOrders(String customerToken) {
        List<Object> listed = new ArrayList<>();
        String cursor = null;
        do {
            String uri = "/api/me/orders?limit=7" + (cursor == null ? "" : "&cursor=" + cursor);
            Map<String, Object> page = bodyOf(web.get().uri(uri).headers(h -> h.setBearerAuth(customerToken))
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult());
            ((List<?>) page.get("items")).forEach(item -> listed.add(((Map<?, ?>) item).get("orderId")));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return listed;
    }

    @Test
    void aRebuildThatFailsItsCheckLeavesTheLiveReadModelAsItWas() {
        String admin = adminToken();
        // More live entries than the events can make: the rebuilt shadow would lose them, so it must not go live.
        String flow = "not-a-flow-" + newKey();
        List<Document> strays = List.of(stray(flow, 1), stray(flow, 2), stray(flow, 3));
        mongo().insertAll(Mono.just(strays), OrderTimelineProjector.COLLECTION)
                .collectList().block(WAIT);
        try {
            web.post().uri("/api/admin/projections/order-timeline/rebuild").headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isAccepted();

            Map<String, Object> done = awaitRebuild(admin, "order-timeline");
            assertThat(done).containsEntry("state", "FAILED");
            assertThat((String) done.get("failure")).contains("check");
            assertThat(strayCount(flow)).isEqualTo(3);
            assertThat(mongo().collectionExists(OrderTimelineProjector.COLLECTION + "__rebuild").block(WAIT))
                    .isFalse();
        } finally {
            mongo().remove(Query.query(Criteria.where("orderId").is(flow)), OrderTimelineProjector.COLLECTION)
                    .block(WAIT);
        }
    }

    @Test
    void anAbortedRebuildLeavesTheLiveReadModelAsItWas() {
        String admin = adminToken();
        long live = mongo().getCollection(SagaStatusProjector.COLLECTION)
                .flatMap(c -> Mono.from(c.countDocuments())).block(WAIT);
        web.post().uri("/api/admin/projections/saga-status/rebuild").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isAccepted();
        web.delete().uri("/api/admin/projections/saga-status").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isAccepted();

        assertThat(awaitRebuild(admin, "saga-status")).containsEntry("state", "ABORTED");
        assertThat(mongo().collectionExists(SagaStatusProjector.COLLECTION + "__rebuild").block(WAIT)).isFalse();
        assertThat(mongo().getCollection(SagaStatusProjector.COLLECTION)
                .flatMap(c -> Mono.from(c.countDocuments())).block(WAIT))
                .isGreaterThanOrEqualTo(live);
        expectProblem(web.delete().uri("/api/admin/projections/saga-status").headers(h -> h.setBearerAuth(admin))
                .exchange(), HttpStatus.CONFLICT);
    }

    @Test
    void progressStreamsAndBadRequestsAreProblems() {
        String admin = adminToken();
        // Not the catalog: another test here deletes a product's first events (as an archive would), and a catalog
        // rebuilt from this store rightly fails on that product.
        web.post().uri("/api/admin/projections/saga-status/rebuild").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isAccepted();
        String stream = web.get().uri("/api/admin/projections/saga-status").accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(stream).contains("event:switched").contains("\"readModel\":\"saga-status\"");

        expectProblem(web.post().uri("/api/admin/projections/nothing/rebuild").headers(h -> h.setBearerAuth(admin))
                .exchange(), HttpStatus.NOT_FOUND);
        web.post().uri("/api/admin/projections/catalog/rebuild")
                .headers(h -> h.setBearerAuth(token(newSubject(), "CUSTOMER"))).exchange()
                .expectStatus().isForbidden();
        assertThat(bodyOf(web.get().uri("/api/admin/projections").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult()))
                .containsKeys("my-orders", "saga-status", "order-timeline", "catalog");
    }

    private Map<String, Object> awaitRebuild(String admin, String name) {
        // One poll of the status once took over 30 s in a full-suite run, while the rebuild proved my_orders against
        // the whole shared store (a 2-CPU machine); a slow poll is polled again, the rebuild's outcome is what counts.
        return Awaitility.await().atMost(REBUILD_WAIT).ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(() -> bodyOf(web.get()
                        .uri("/api/admin/projections/{name}", name)
                        .accept(MediaType.APPLICATION_JSON).headers(h -> h.setBearerAuth(admin)).exchange()
                        .expectStatus().isOk().expectBody(String.class).returnResult()),
                status -> !List.of("BUILDING", "VERIFYING", "SWITCHING").contains(status.get("state")));
    }

    private void awaitViewStatus(String customerToken, String orderId, String status) {
        Awaitility.await().atMost(WAIT).until(() -> orderView(web, customerToken, orderId)
                .map(view -> status.equals(view.get("status"))).orElse(false));
    }

    private static Document stray(String flow, int n) {
        return new Document("_id", flow + "-" + n).append("orderId", flow).append("type", "Stray");
    }

    private long strayCount(String flow) {
        return mongo().count(Query.query(Criteria.where("orderId").is(flow)), OrderTimelineProjector.COLLECTION)
                .block(WAIT);
    }

    private ReactiveMongoTemplate mongo() {
        return applicationContext.getBean(ReactiveMongoTemplate.class);
    }
}

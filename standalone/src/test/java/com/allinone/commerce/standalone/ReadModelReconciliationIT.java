package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.bodyOf;
import static com.allinone.commerce.standalone.CommerceApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;

/**
 * {@code GET /api/audit/reconciliation/read-models} through the running app (issue 10): settled orders agree with
 * the event store, and a document changed or deleted behind the projector's back is named. Other tests share this
 * app and may have orders in flight, so the checks are about this test's own orders, and the overall verdict is
 * awaited until the shop has settled. Every document this test breaks is put back before it ends.
 */
class ReadModelReconciliationIT extends StandaloneTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String REPORT = "/api/audit/reconciliation/read-models";

    @Test
    void settledOrdersAgreeWithTheEventStore() {
        Shop shop = openShop(10, 3_000);
        String confirmed = settledConfirmedOrder(shop);
        String rejected = placeDeclinedOrder();
        String auditor = token(CommerceApi.newSubject(), "AUDITOR");

        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Object> report = report(auditor);
            assertThat(ordersNamedIn(report)).as("orders named in %s", report)
                    .doesNotContain(confirmed, rejected);
            assertThat(report).as("report").containsEntry("consistent", true);
            Map<String, Object> counts = map(report.get("statusCounts"));
            assertThat(counts).containsEntry("compared", true).containsEntry("agree", true);
            assertThat(counts.get("expected")).isEqualTo(counts.get("actual"));
        });
        Map<String, Object> report = report(auditor);
        assertThat(((Number) report.get("orders")).longValue()).isGreaterThanOrEqualTo(2);
        assertThat(((Number) report.get("eventsRead")).longValue()).isGreaterThan(0);
        assertThat(report).containsKeys("checkedAt", "projectorPosition", "lagging", "missing", "extra",
                "mismatches", "mismatchCount");
    }

    @Test
    void aDocumentChangedBehindTheProjectorsBackIsNamedWithItsFields() {
        Shop shop = openShop(10, 3_000);
        String orderId = settledConfirmedOrder(shop);
        String auditor = token(CommerceApi.newSubject(), "AUDITOR");
        awaitInStep(auditor, orderId);

        // The status and total change; seq.order stays, so the document claims to have applied the same events.
        mongo().updateFirst(byId(orderId), new Update().set("status", "DELIVERED").set("total.amount", 1L),
                MyOrdersProjector.COLLECTION).block(WAIT);
        try {
            Map<String, Object> report = report(auditor);

            assertThat(report).containsEntry("consistent", false);
            assertThat(mismatchesOf(report, orderId)).containsExactlyInAnyOrder(
                    Map.of("orderId", orderId, "field", "status", "expected", "CONFIRMED", "actual", "DELIVERED"),
                    Map.of("orderId", orderId, "field", "total",
                            "expected", Map.of("amount", 6_000, "currency", "KRW"),
                            "actual", Map.of("amount", 1, "currency", "KRW")));
        } finally {
            mongo().updateFirst(byId(orderId), new Update().set("status", "CONFIRMED").set("total.amount", 6_000L),
                    MyOrdersProjector.COLLECTION).block(WAIT);
        }
        awaitInStep(auditor, orderId);
    }

    @Test
    void aDeletedDocumentIsReportedMissing() {
        Shop shop = openShop(10, 3_000);
        String orderId = settledConfirmedOrder(shop);
        String auditor = token(CommerceApi.newSubject(), "AUDITOR");
        awaitInStep(auditor, orderId);
        Document original = mongo().findOne(byId(orderId), Document.class, MyOrdersProjector.COLLECTION).block(WAIT);
        assertThat(original).isNotNull();

        mongo().remove(byId(orderId), MyOrdersProjector.COLLECTION).block(WAIT);
        try {
            Map<String, Object> report = report(auditor);

            assertThat(report).containsEntry("consistent", false);
            assertThat(namesOf(report.get("missing"))).contains(orderId);
            assertThat(namesOf(report.get("lagging"))).doesNotContain(orderId);
        } finally {
            mongo().save(original, MyOrdersProjector.COLLECTION).block(WAIT);
        }
        awaitInStep(auditor, orderId);
    }

    @Test
    void onlyAuditorsMayAsk() {
        expectProblem(web.get().uri(REPORT).headers(h -> h.setBearerAuth(token(CommerceApi.newSubject(), "CUSTOMER")))
                .exchange(), HttpStatus.FORBIDDEN);
        expectProblem(web.get().uri(REPORT).headers(h -> h.setBearerAuth(adminToken())).exchange(),
                HttpStatus.FORBIDDEN);
        expectProblem(web.get().uri(REPORT).exchange(), HttpStatus.UNAUTHORIZED);
    }

    // --- orders ---

    /** A confirmed order whose view has everything it will get until dispatch (its shipment created). */
    private String settledConfirmedOrder(Shop shop) {
        String orderId = shop.order(2);
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> CommerceApi.orderView(web, shop.customerToken, orderId),
                view -> view.isPresent() && "CONFIRMED".equals(view.get().get("status"))
                        && String.valueOf(view.get().get("shipment")).contains("CREATED"));
        return orderId;
    }

    /** Above the simulated provider's limit: declined, its stock released, rejected. */
    private String placeDeclinedOrder() {
        Shop pricey = openShop(1, DECLINED_PRICE);
        return pricey.order(1);
    }

    // --- the report ---

    private Map<String, Object> report(String token) {
        return bodyOf(web.get().uri(REPORT).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult());
    }

    /** Until the order's document is in step with its events: not lagging, nothing wrong with it. */
    private void awaitInStep(String auditor, String orderId) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(ordersNamedIn(report(auditor))).doesNotContain(orderId));
    }

    /** Every order the report names: lagging, ahead, missing, extra or in a mismatch. */
    private static List<String> ordersNamedIn(Map<String, Object> report) {
        List<String> named = new ArrayList<>();
        for (String sample : List.of("lagging", "ahead", "missing", "extra")) {
            named.addAll(namesOf(report.get(sample)));
        }
        listOf(report.get("mismatches")).forEach(mismatch -> named.add((String) mismatch.get("orderId")));
        return named;
    }

    @SuppressWarnings("unchecked")
    private static List<String> namesOf(Object sample) {
        return (List<String>) map(sample).get("orderIds");
    }

    private static List<Map<String, Object>> mismatchesOf(Map<String, Object> report, String orderId) {
        return listOf(report.get("mismatches")).stream().filter(m -> orderId.equals(m.get("orderId"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOf(Object value) {
        return Optional.ofNullable((List<Map<String, Object>>) value).orElse(List.of());
    }

    // --- MongoDB ---

    private ReactiveMongoTemplate mongo() {
        return applicationContext.getBean(ReactiveMongoTemplate.class);
    }

    private static Query byId(String orderId) {
        return Query.query(Criteria.where("_id").is(orderId));
    }
}

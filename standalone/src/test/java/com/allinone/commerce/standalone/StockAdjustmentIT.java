package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.bodyOf;
import static com.allinone.commerce.standalone.CommerceApi.count;
import static com.allinone.commerce.standalone.CommerceApi.expectProblem;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.stockOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.inventory.StockAdjusted;
import com.allinone.commerce.api.inventory.StockKeys;
import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import com.allinone.commerce.sagas.inventory.SkuCounters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Stock adjustments never take units that orders hold or shipped (issue 9: with 10 received and 10 held, a count of
 * -10 was accepted, the catalog showed -10 available and reconciliation still said balanced). And reconciliation
 * calls negative stock what it is.
 */
class StockAdjustmentIT extends StandaloneTestSupport {

    private WebTestClient.ResponseSpec adjust(Shop shop, int delta, String idempotencyKey) {
        return web.post().uri("/api/inventory/{sku}/adjustments", shop.sku)
                .headers(h -> {
                    h.setBearerAuth(shop.admin);
                    h.set("Idempotency-Key", idempotencyKey);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("delta", delta, "reason", "stock count"))
                .exchange();
    }

    private long adjustmentsOf(Shop shop) {
        return count(eventsOf(FlowIds.inventoryId(shop.sku)), StockAdjusted.class);
    }

    private Map<String, Object> reconciliationOf(String sku) {
        Map<String, Object> report = bodyOf(web.get().uri("/api/audit/reconciliation")
                .headers(h -> h.setBearerAuth(token(newSubject(), "AUDITOR")))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> skus = (List<Map<String, Object>>) report.get("skus");
        Map<String, Object> line = skus.stream().filter(s -> sku.equals(s.get("sku"))).findFirst()
                .orElseThrow(() -> new AssertionError("no reconciliation of " + sku + " in " + report));
        return Map.of("report", report, "sku", line);
    }

    /** Waits until the stock ledger has counted the adjustment's event (its withdrawal record says so). */
    private void awaitCounted(String sku, String adjustmentId) {
        LazyRedisConnection redis = applicationContext.getBean(LazyRedisConnection.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> "APPLIED".equals(redis.commands()
                        .flatMap(r -> r.hget(StockKeys.withdrawal(sku, adjustmentId), "state"))
                        .block(Duration.ofSeconds(5))));
    }

    @Test
    void anAdjustmentCannotTakeUnitsThatOrdersHold() {
        Shop shop = openShop(10, 5_000);
        shop.order(10);
        SkuCounters before = stockOf(applicationContext, shop.sku);
        assertThat(before).isEqualTo(new SkuCounters(shop.sku, 10, 0, 10, 0));

        Map<String, Object> problem = expectProblem(adjust(shop, -10, newKey()), HttpStatus.CONFLICT);

        assertThat(problem).containsEntry("type", "/problems/stock-held-by-orders")
                .containsEntry("sku", shop.sku).containsEntry("available", 0);
        assertThat(adjustmentsOf(shop)).isZero();
        assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(before);
        web.get().uri("/api/products/{sku}", shop.sku).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.available").isEqualTo(0);
    }

    @Test
    void anAdjustmentOfTheAvailableUnitsIsTakenOnceAndLeavesTheOrdersTheirs() {
        Shop shop = openShop(10, 5_000);
        shop.order(4);
        String key = newKey();

        adjust(shop, -7, key).expectStatus().isEqualTo(HttpStatus.CONFLICT);
        adjust(shop, -6, key).expectStatus().isAccepted()
                .expectBody().jsonPath("$.receiptId").isEqualTo(key);
        adjust(shop, -6, key).expectStatus().isAccepted();
        awaitCounted(shop.sku, key);

        assertThat(adjustmentsOf(shop)).isEqualTo(1);
        // Taken once at the gate, not again when the ledger counted its event.
        assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 4, 0, 4, 0));
        Map<String, Object> sku = castMap((Map<?, ?>) reconciliationOf(shop.sku).get("sku"));
        assertThat(sku).containsEntry("drift", false).containsEntry("balanced", true)
                .containsEntry("problems", List.of());
    }

    @Test
    void addingUnitsStillWorksWhateverOrdersHold() {
        Shop shop = openShop(3, 5_000);
        shop.order(3);

        adjust(shop, 2, newKey()).expectStatus().isAccepted();

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 5, 2, 3, 0)));
    }

    @Test
    void reconciliationReportsNegativeAvailableStockAsNotBalanced() {
        // The state issue 9 found, as an adjustment stored before adjustments took their units at the gate leaves it:
        // 10 received and held by an order, then -10 counted anyway.
        Shop shop = openShop(10, 5_000);
        shop.order(10);
        EventStore events = applicationContext.getBean(EventStore.class);
        applicationContext.getBean(TransactionManager.class).executeInTransaction(() -> events.publish(
                new GenericDomainEventMessage<>("Inventory", FlowIds.inventoryId(shop.sku), 1L,
                        new StockAdjusted(shop.sku, -10, "count before issue 9", "legacy-adjustment"))));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 0, -10, 10, 0)));

        Map<String, Object> reconciliation = reconciliationOf(shop.sku);

        Map<String, Object> sku = castMap((Map<?, ?>) reconciliation.get("sku"));
        assertThat(sku).containsEntry("drift", false).containsEntry("balanced", false);
        assertThat(castList(sku.get("problems"))).contains("event store: available is negative (-10)",
                "redis: available is negative (-10)");
        assertThat(castMap((Map<?, ?>) reconciliation.get("report"))).containsEntry("consistent", false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object list) {
        return (List<String>) list;
    }
}

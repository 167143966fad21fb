package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.awaitStatus;
import static com.allinone.commerce.standalone.CommerceApi.bodyOf;
import static com.allinone.commerce.standalone.CommerceApi.cancelOrder;
import static com.allinone.commerce.standalone.CommerceApi.count;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.lastOf;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.orderBodyTo;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static com.allinone.commerce.standalone.CommerceApi.shipmentAction;
import static com.allinone.commerce.standalone.CommerceApi.stockOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.order.CancellationReason;
import com.allinone.commerce.api.order.OrderCancellationRejected;
import com.allinone.commerce.api.order.OrderCancelled;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.api.payment.PaymentRefunded;
import com.allinone.commerce.api.shipping.ShipmentFailed;
import com.allinone.commerce.sagas.inventory.ReservationState;
import com.allinone.commerce.sagas.inventory.SkuCounters;
import com.allinone.commerce.sagas.inventory.StockGate;
import com.allinone.commerce.sagas.inventory.StockHistory;
import com.allinone.commerce.sagas.inventory.StockLedgerKeeper;
import com.allinone.commerce.sagas.inventory.StockSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;

/** The order flow of DESIGN §4 through the running standalone app: HTTP in, events and Redis counters out. */
class OrderFlowIT extends StandaloneTestSupport {

    private static final String SAGA_PROCESSOR = "OrderFulfillmentSagaProcessor";

    @Test
    void aPaidOrderIsConfirmedThenShippedAndDeliveredByTheWarehouse() {
        Shop shop = openShop(10, 129_000);
        String orderId = shop.order(2);

        awaitStatus(applicationContext, orderId, OrderStatus.CONFIRMED);
        assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 10, 8, 2, 0));

        shipmentAction(web, shop.admin, orderId, "dispatch");
        awaitStatus(applicationContext, orderId, OrderStatus.SHIPPED);
        shipmentAction(web, shop.admin, orderId, "deliver");
        awaitStatus(applicationContext, orderId, OrderStatus.DELIVERED);

        assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 10, 8, 0, 2));
    }

    @Test
    void aDeclinedPaymentRejectsTheOrderAndGivesTheStockBack() {
        Shop shop = openShop(5, DECLINED_PRICE);
        String orderId = shop.order(1);

        awaitStatus(applicationContext, orderId, OrderStatus.REJECTED);

        assertThat(lastOf(applicationContext, orderId, OrderRejected.class).reason())
                .isEqualTo(RejectionReason.PAYMENT_DECLINED);
        assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 5, 5, 0, 0));
    }

    @Test
    void anOrderForMoreThanIsLeftIsRefusedAtTheDoorAndStoresNothing() {
        Shop shop = openShop(3, 1_000);
        String key = CommerceApi.newKey();

        for (int attempt = 0; attempt < 2; attempt++) {
            // A retry of the refused request gets the same answer.
            CommerceApi.postOrder(web, shop.customerToken, key, CommerceApi.orderBody(shop.sku, 4))
                    .expectStatus().isEqualTo(409)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").value(type -> assertThat(type.toString()).endsWith("/problems/out-of-stock"))
                    .jsonPath("$.skus[0]").isEqualTo(shop.sku);
        }

        assertThat(eventsOf(FlowIds.orderId(shop.customer, key))).isEmpty();
        assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 3, 3, 0, 0));
    }

    @Test
    void aCancelAfterPaymentRefundsAndGivesTheStockBack() {
        Shop shop = openShop(10, 5_000);
        String orderId = shop.order(3);
        awaitStatus(applicationContext, orderId, OrderStatus.CONFIRMED);

        cancelOrder(web, shop.customerToken, orderId).expectStatus().isAccepted();

        awaitStatus(applicationContext, orderId, OrderStatus.CANCELLED);
        assertThat(lastOf(applicationContext, FlowIds.paymentId(orderId), PaymentRefunded.class).amount().amount())
                .isEqualTo(15_000);
        assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 10, 10, 0, 0));
    }

    @Test
    void aShipmentTheCarrierRefusesIsCancelledRefundedAndReleased() {
        Shop shop = openShop(10, 5_000);
        String orderId = placeOrder(web, shop.customer, shop.customerToken, newKey(),
                orderBodyTo(REFUSED_POSTAL_CODE, shop.sku, 1));

        awaitStatus(applicationContext, orderId, OrderStatus.CANCELLED);

        assertThat(count(eventsOf(FlowIds.shipmentId(orderId)), ShipmentFailed.class)).isEqualTo(1);
        assertThat(lastOf(applicationContext, orderId, OrderCancelled.class).reason())
                .isEqualTo(CancellationReason.SHIPMENT_FAILED);
        assertThat(count(eventsOf(FlowIds.paymentId(orderId)), PaymentRefunded.class)).isEqualTo(1);
        assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 10, 10, 0, 0));
    }

    /**
     * The customer's cancel reaches the saga before the dispatch does, so the saga asks to cancel a shipment the
     * warehouse has already dispatched. The refusal must not undo the saga's step (Axon's Spring transaction manager
     * leaves a joined transaction to its owner, so a refused command inside the step does not mark it rollback-only):
     * the cancellation is rejected and the order ships.
     */
    @Test
    void aCancelThatLosesTheRaceWithTheDispatchIsRefusedAndTheOrderStillShips() {
        Shop shop = openShop(10, 5_000);
        String orderId = shop.order(1);
        awaitStatus(applicationContext, orderId, OrderStatus.CONFIRMED);

        EventProcessor saga = applicationContext.getBean(EventProcessingConfiguration.class)
                .eventProcessor(SAGA_PROCESSOR).orElseThrow();
        saga.shutDown();
        try {
            cancelOrder(web, shop.customerToken, orderId).expectStatus().isAccepted();
            shipmentAction(web, shop.admin, orderId, "dispatch");
        } finally {
            saga.start();
        }

        awaitStatus(applicationContext, orderId, OrderStatus.SHIPPED);
        assertThat(count(eventsOf(orderId), OrderCancellationRejected.class)).isEqualTo(1);
        assertThat(count(eventsOf(orderId), OrderCancelled.class)).isZero();
        shipmentAction(web, shop.admin, orderId, "deliver");
        awaitStatus(applicationContext, orderId, OrderStatus.DELIVERED);
        assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 10, 9, 0, 1));
    }

    @Test
    void aCancelAfterShippingIsAConflict() {
        Shop shop = openShop(10, 5_000);
        String orderId = shop.order(1);
        awaitStatus(applicationContext, orderId, OrderStatus.CONFIRMED);
        shipmentAction(web, shop.admin, orderId, "dispatch");
        awaitStatus(applicationContext, orderId, OrderStatus.SHIPPED);

        CommerceApi.expectProblem(cancelOrder(web, shop.customerToken, orderId), HttpStatus.CONFLICT);
    }

    @Test
    void aReservationLeftWithoutItsEventIsReleasedAfterTheGracePeriod() {
        Shop shop = openShop(10, 5_000);
        String orderId = shop.order(2);
        awaitStatus(applicationContext, orderId, OrderStatus.CONFIRMED);
        // A crash between the reservation and its OrderStockReserved: Redis holds units no event explains.
        StockGate gate = applicationContext.getBean(StockGate.class);
        String orphan = UUID.randomUUID().toString();
        assertThat(gate.reserve(orphan, List.of(new OrderLine(shop.sku, 3))).block(Duration.ofSeconds(5)))
                .isEqualTo(ReservationState.RESERVED);
        assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 10, 5, 5, 0));

        StockLedgerKeeper noGrace = new StockLedgerKeeper(gate, applicationContext.getBean(StockHistory.class),
                applicationContext.getBean(EventStore.class), new StockSettings(Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(-1),
                Duration.ofDays(30), Duration.ofMinutes(5)),
                Clock.systemUTC());
        noGrace.sweep();

        assertThat(stockOf(applicationContext, shop.sku)).isEqualTo(new SkuCounters(shop.sku, 10, 8, 2, 0));
        assertThat(gate.reserve(orphan, List.of(new OrderLine(shop.sku, 3))).block(Duration.ofSeconds(5)))
                .as("the saga's own retry after the sweep").isEqualTo(ReservationState.RELEASED);
    }

    @Test
    void anAuditorSeesRedisAgreeWithTheEventStore() {
        Shop shop = openShop(10, 5_000);
        String orderId = shop.order(2);
        awaitStatus(applicationContext, orderId, OrderStatus.CONFIRMED);

        Map<String, Object> report = bodyOf(web.get().uri("/api/audit/reconciliation")
                .headers(h -> h.setBearerAuth(token(newSubject(), "AUDITOR")))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> skus = (List<Map<String, Object>>) report.get("skus");
        assertThat(skus).filteredOn(s -> shop.sku.equals(s.get("sku"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.get("drift")).isEqualTo(false);
                    assertThat(s.get("balanced")).isEqualTo(true);
                    assertThat(s.get("expected")).isEqualTo(Map.of("sku", shop.sku, "received", 10,
                            "available", 8, "held", 2, "committed", 0));
                });
        web.get().uri("/api/audit/reconciliation")
                .headers(h -> h.setBearerAuth(token(newSubject(), "CUSTOMER")))
                .exchange()
                .expectStatus().isForbidden();
    }
}

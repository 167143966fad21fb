package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.awaitStatus;
import static com.allinone.commerce.standalone.CommerceApi.bodyOf;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A projector that fails on one order parks that order's whole flow (its Order, Payment and Shipment events) in the
 * dead-letter queue and keeps projecting every other order; once the fault is gone, retrying the dead letter brings
 * the parked order fully up to date (DESIGN §6).
 */
class PoisonEventIT extends StandaloneTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aFailingOrderIsParkedAloneAndCatchesUpWhenRetried() {
        String admin = adminToken();
        String sku = newSku();
        createProduct(web, admin, sku, 1_000);
        receiveStock(web, admin, sku, 10);
        String customer = newSubject();
        String customerToken = token(customer, "CUSTOMER");
        String poisonKey = newKey();
        String poisoned = FlowIds.orderId(customer, poisonKey);
        ReactiveMongoTemplate mongo = applicationContext.getBean(ReactiveMongoTemplate.class);
        // The fault: a broken document where the order's view will go (its timeline is not a list).
        mongo.insert(new Document("_id", poisoned).append("timeline", "not-a-list").append("seq",
                new Document("order", -1L).append("payment", -1L).append("shipment", -1L)),
                MyOrdersProjector.COLLECTION).block(WAIT);

        placeOrder(web, customer, customerToken, poisonKey, orderBody(sku, 1));
        String healthy = placeOrder(web, customer, customerToken, newKey(), orderBody(sku, 1));
        awaitStatus(applicationContext, poisoned, OrderStatus.CONFIRMED);

        // Every other order keeps appearing.
        Awaitility.await().atMost(WAIT).until(() -> "CONFIRMED".equals(viewStatus(customerToken, healthy)));
        String letterId = MyOrdersProjector.PROCESSING_GROUP + "~" + poisoned;
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(parkedEventTypes(admin, letterId))
                .contains("OrderPlaced", "OrderStockReserved", "PaymentRequested", "PaymentAuthorized",
                        "ShipmentCreated", "OrderConfirmed"));
        assertThat(viewStatus(customerToken, poisoned)).isNull();

        mongo.remove(Query.query(Criteria.where("_id").is(poisoned)), MyOrdersProjector.COLLECTION).block(WAIT);
        Map<String, Object> retried = bodyOf(web.post().uri("/api/admin/dead-letters/{id}/retry", letterId)
                .headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult());

        assertThat(retried).containsEntry("succeeded", true).containsEntry("stillParked", false);
        Map<String, Object> order = bodyOf(web.get().uri("/api/me/orders/{id}", poisoned)
                .headers(h -> h.setBearerAuth(customerToken)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult());
        assertThat(order).containsEntry("status", "CONFIRMED");
        assertThat(order.get("payment")).asString().contains("AUTHORIZED");
        assertThat(order.get("shipment")).asString().contains("CREATED");
        assertThat(parkedEventTypes(admin, letterId)).isEmpty();
        web.delete().uri("/api/admin/dead-letters/{id}", letterId).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNotFound();
    }

    private String viewStatus(String customerToken, String orderId) {
        return CommerceApi.orderView(web, customerToken, orderId).map(view -> (String) view.get("status"))
                .orElse(null);
    }

    @SuppressWarnings("unchecked")
    private List<String> parkedEventTypes(String adminToken, String letterId) {
        String body = web.get().uri("/api/admin/dead-letters").headers(h -> h.setBearerAuth(adminToken)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        List<Map<String, Object>> parked = CommerceApi.listOf(body);
        return parked.stream().filter(p -> letterId.equals(p.get("id")))
                .flatMap(p -> ((List<Map<String, Object>>) p.get("letters")).stream())
                .map(l -> (String) l.get("eventType")).toList();
    }
}

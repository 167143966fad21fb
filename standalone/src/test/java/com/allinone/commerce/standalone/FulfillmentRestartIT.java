package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.awaitStatus;
import static com.allinone.commerce.standalone.CommerceApi.clientOf;
import static com.allinone.commerce.standalone.CommerceApi.count;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.eventsOf;
import static com.allinone.commerce.standalone.CommerceApi.lastOf;
import static com.allinone.commerce.standalone.CommerceApi.mintToken;
import static com.allinone.commerce.standalone.CommerceApi.newDataDir;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static com.allinone.commerce.standalone.CommerceApi.startStandalone;
import static com.allinone.commerce.standalone.CommerceApi.statusOf;
import static com.allinone.commerce.standalone.CommerceApi.stockOf;
import static com.allinone.commerce.standalone.CommerceApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.api.payment.PaymentExpired;
import com.allinone.commerce.api.payment.PaymentRequested;
import com.allinone.commerce.sagas.inventory.SkuCounters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Orders waiting on a payment provider that never answers in time, across a stop and a start: the saga state and its
 * deadlines are persistent (DESIGN §4), so after the restart every payment deadline still fires, each order ends
 * REJECTED(PAYMENT_TIMEOUT) and every reserved unit is back.
 */
class FulfillmentRestartIT {

    private static final String[] SLOW_PROVIDER = {
            "--commerce.payment.simulator.latency=PT10M",
            "--commerce.gateway.timeout=PT0.5S",
            "--commerce.gateway.attempts=1",
            "--commerce.fulfillment.payment-timeout=PT20S"};

    @Test
    void paymentDeadlinesSurviveARestartAndGiveEveryReservedUnitBack() {
        Path dataDir = newDataDir("fulfillment-restart-");
        String sku = newSku();
        List<String> orderIds = new ArrayList<>();

        try (ConfigurableApplicationContext first = startStandalone(dataDir, SLOW_PROVIDER)) {
            WebTestClient web = clientOf(first);
            String admin = mintToken(web, unique("it-admin"), "ADMIN");
            String customer = newSubject();
            String customerToken = mintToken(web, customer, "CUSTOMER");
            createProduct(web, admin, sku, 10_000);
            receiveStock(web, admin, sku, 10);
            for (int i = 0; i < 4; i++) {
                orderIds.add(placeOrder(web, customer, customerToken, newKey(), orderBody(sku, 2)));
            }
            for (String orderId : orderIds) {
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                        count(eventsOf(first, FlowIds.paymentId(orderId)), PaymentRequested.class) == 1);
                assertThat(statusOf(first, orderId)).isEqualTo(OrderStatus.STOCK_RESERVED);
            }
            assertThat(stockOf(first, sku)).isEqualTo(new SkuCounters(sku, 10, 2, 8, 0));
            assertThat(first.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM scheduled_tasks", Integer.class))
                    .as("deadlines waiting when the node stops").isGreaterThanOrEqualTo(orderIds.size());
        }

        try (ConfigurableApplicationContext second = startStandalone(dataDir, SLOW_PROVIDER)) {
            for (String orderId : orderIds) {
                awaitStatus(second, orderId, OrderStatus.REJECTED);
                assertThat(lastOf(second, orderId, OrderRejected.class).reason())
                        .isEqualTo(RejectionReason.PAYMENT_TIMEOUT);
                assertThat(count(eventsOf(second, FlowIds.paymentId(orderId)), PaymentExpired.class)).isEqualTo(1);
            }
            assertThat(stockOf(second, sku)).isEqualTo(new SkuCounters(sku, 10, 10, 0, 0));
        }
    }
}

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
import static com.allinone.commerce.standalone.CommerceApi.stockOf;
import static com.allinone.commerce.standalone.CommerceApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.api.payment.PaymentAuthorized;
import com.allinone.commerce.api.payment.PaymentExpired;
import com.allinone.commerce.api.payment.PaymentVoided;
import com.allinone.commerce.sagas.inventory.SkuCounters;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The provider answers after the payment deadline: the order was already rejected and its stock given back, so the
 * late authorization is voided by the Payment aggregate and the money is never kept (DESIGN §4 step 4).
 */
class LatePaymentIT {

    @Test
    void anAuthorizationAfterThePaymentExpiredIsVoided() {
        try (ConfigurableApplicationContext app = startStandalone(newDataDir("late-payment-"),
                "--commerce.payment.simulator.latency=PT4S",
                "--commerce.gateway.timeout=PT20S",
                "--commerce.gateway.attempts=1",
                "--commerce.fulfillment.payment-timeout=PT1S",
                "--commerce.fulfillment.retry-first=PT1M")) {
            WebTestClient web = clientOf(app);
            String admin = mintToken(web, unique("it-admin"), "ADMIN");
            String customer = newSubject();
            String sku = newSku();
            createProduct(web, admin, sku, 10_000);
            receiveStock(web, admin, sku, 5);

            String orderId = placeOrder(web, customer, mintToken(web, customer, "CUSTOMER"), newKey(),
                    orderBody(sku, 2));

            awaitStatus(app, orderId, OrderStatus.REJECTED);
            assertThat(lastOf(app, orderId, OrderRejected.class).reason()).isEqualTo(RejectionReason.PAYMENT_TIMEOUT);
            String paymentId = FlowIds.paymentId(orderId);
            assertThat(count(eventsOf(app, paymentId), PaymentExpired.class)).isEqualTo(1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    count(eventsOf(app, paymentId), PaymentVoided.class) == 1);
            assertThat(count(eventsOf(app, paymentId), PaymentAuthorized.class)).isZero();
            assertThat(stockOf(app, sku)).isEqualTo(new SkuCounters(sku, 5, 5, 0, 0));
        }
    }
}

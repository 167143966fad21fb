package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.awaitStatus;
import static com.allinone.commerce.standalone.CommerceApi.clientOf;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
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

import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.sagas.inventory.SkuCounters;
import com.allinone.commerce.sagas.inventory.StockReconciler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import redis.embedded.RedisServer;

/**
 * Redis goes away and comes back empty (DESIGN §5). Orders keep being accepted and wait; the ledger rebuilds every
 * counter from the event store; every waiting order completes, none is lost and nothing is oversold. The Redis is
 * the test's own, on its own port: never the machine's shared server.
 */
class RedisOutageIT {

    @Test
    void ordersWaitOutARedisOutageAndCompleteAfterTheLedgerRebuildsTheCounters() throws IOException {
        int port = OwnRedis.freePort();
        RedisServer redis = OwnRedis.start(port);
        Path dataDir = newDataDir("redis-outage-");
        String sku = newSku();
        try (ConfigurableApplicationContext app = startStandalone(dataDir,
                "--spring.data.redis.url=redis://127.0.0.1:" + port,
                "--commerce.fulfillment.retry-first=PT0.5S",
                "--commerce.fulfillment.retry-max=PT2S",
                "--commerce.stock.check-interval=PT0.5S",
                "--commerce.stock.call-timeout=PT1S",
                "--commerce.payment.simulator.latency=10ms")) {
            WebTestClient web = clientOf(app);
            String admin = mintToken(web, unique("it-admin"), "ADMIN");
            String customer = newSubject();
            String customerToken = mintToken(web, customer, "CUSTOMER");
            createProduct(web, admin, sku, 10_000);
            receiveStock(web, admin, sku, 12);

            List<String> before = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                before.add(placeOrder(web, customer, customerToken, newKey(), orderBody(sku, 1)));
            }
            before.forEach(orderId -> awaitStatus(app, orderId, OrderStatus.CONFIRMED));
            assertThat(stockOf(app, sku)).isEqualTo(new SkuCounters(sku, 12, 7, 5, 0));

            redis.stop();
            List<String> during = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                during.add(placeOrder(web, customer, customerToken, newKey(), orderBody(sku, 1)));
            }
            // Retries come and go through their deadlines, but nobody is rejected for stock Redis cannot see.
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                    during.stream().allMatch(orderId -> statusOf(app, orderId) == OrderStatus.PLACED));

            redis = OwnRedis.start(port);

            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    during.stream().map(orderId -> statusOf(app, orderId))
                            .allMatch(s -> s == OrderStatus.CONFIRMED || s == OrderStatus.REJECTED));
            Map<OrderStatus, Long> outcome = during.stream()
                    .collect(Collectors.groupingBy(orderId -> statusOf(app, orderId), Collectors.counting()));
            assertThat(outcome).containsEntry(OrderStatus.CONFIRMED, 7L).containsEntry(OrderStatus.REJECTED, 3L);
            during.stream().filter(orderId -> statusOf(app, orderId) == OrderStatus.REJECTED).forEach(orderId ->
                    assertThat(lastOf(app, orderId, OrderRejected.class).reason())
                            .isEqualTo(RejectionReason.OUT_OF_STOCK));
            before.forEach(orderId -> assertThat(statusOf(app, orderId)).isEqualTo(OrderStatus.CONFIRMED));

            assertThat(stockOf(app, sku)).isEqualTo(new SkuCounters(sku, 12, 0, 12, 0));
            StockReconciler.Reconciliation report = app.getBean(StockReconciler.class).reconcile()
                    .block(Duration.ofSeconds(30));
            assertThat(report.skus().stream().collect(Collectors.toMap(StockReconciler.SkuReconciliation::sku,
                    Function.identity())).get(sku).drift()).isFalse();
        } finally {
            redis.stop();
        }
    }
}

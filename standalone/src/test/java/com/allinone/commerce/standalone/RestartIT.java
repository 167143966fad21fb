package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.StandaloneTestSupport.cancelOrder;
import static com.allinone.commerce.standalone.StandaloneTestSupport.count;
import static com.allinone.commerce.standalone.StandaloneTestSupport.createProduct;
import static com.allinone.commerce.standalone.StandaloneTestSupport.eventsOf;
import static com.allinone.commerce.standalone.StandaloneTestSupport.mintToken;
import static com.allinone.commerce.standalone.StandaloneTestSupport.newDataDir;
import static com.allinone.commerce.standalone.StandaloneTestSupport.newKey;
import static com.allinone.commerce.standalone.StandaloneTestSupport.newSku;
import static com.allinone.commerce.standalone.StandaloneTestSupport.newSubject;
import static com.allinone.commerce.standalone.StandaloneTestSupport.orderBody;
import static com.allinone.commerce.standalone.StandaloneTestSupport.placeOrder;
import static com.allinone.commerce.standalone.StandaloneTestSupport.receiveStock;
import static com.allinone.commerce.standalone.StandaloneTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.order.OrderCancellationRequested;
import com.allinone.commerce.api.order.OrderPlaced;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Standalone keeps everything in DATA_DIR (DESIGN §2): a second start on the same folder carries on where the first
 * stopped, with the same token secret, the same orders and the same idempotency.
 */
class RestartIT {

    @Test
    void aRestartOnTheSameDataDirKeepsTokensOrdersAndIdempotency() {
        Path dataDir = newDataDir("restart-");
        String customer = newSubject();
        String key = newKey();
        String sku = newSku();
        String customerToken;
        String orderId;

        try (ConfigurableApplicationContext first = start(dataDir)) {
            WebTestClient web = clientOf(first);
            String adminToken = mintToken(web, unique("it-admin"), "ADMIN");
            customerToken = mintToken(web, customer, "CUSTOMER");
            createProduct(web, adminToken, sku, 129_000);
            receiveStock(web, adminToken, sku, 10);
            orderId = placeOrder(web, customer, customerToken, key, orderBody(sku, 2));
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            WebTestClient web = clientOf(second);

            // The token minted before the restart is accepted: the same idempotent retry answers the same order.
            assertThat(placeOrder(web, customer, customerToken, key, orderBody(sku, 2))).isEqualTo(orderId);
            assertThat(count(eventsOf(second, orderId), OrderPlaced.class)).isEqualTo(1);

            cancelOrder(web, customerToken, orderId)
                    .expectStatus().isAccepted()
                    .expectHeader().location("/api/me/orders/" + orderId)
                    .expectBody(Void.class);
            assertThat(count(eventsOf(second, orderId), OrderCancellationRequested.class)).isEqualTo(1);
        }
    }

    /**
     * Command-line arguments, not {@code properties(…)}: those are only defaults, and the shared test context of the
     * other integration tests sets DATA_DIR as a system property, which would win over them.
     */
    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .run("--server.port=0", "--DATA_DIR=" + dataDir);
    }

    private static WebTestClient clientOf(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }
}

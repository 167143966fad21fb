package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.cancelOrder;
import static com.allinone.commerce.standalone.CommerceApi.clientOf;
import static com.allinone.commerce.standalone.CommerceApi.count;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.eventsOf;
import static com.allinone.commerce.standalone.CommerceApi.mintToken;
import static com.allinone.commerce.standalone.CommerceApi.newDataDir;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static com.allinone.commerce.standalone.CommerceApi.startStandalone;
import static com.allinone.commerce.standalone.CommerceApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.order.OrderCancellationRequested;
import com.allinone.commerce.api.order.OrderPlaced;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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

        try (ConfigurableApplicationContext first = startStandalone(dataDir)) {
            WebTestClient web = clientOf(first);
            String adminToken = mintToken(web, unique("it-admin"), "ADMIN");
            customerToken = mintToken(web, customer, "CUSTOMER");
            createProduct(web, adminToken, sku, 129_000);
            receiveStock(web, adminToken, sku, 10);
            orderId = placeOrder(web, customer, customerToken, key, orderBody(sku, 2));
        }

        try (ConfigurableApplicationContext second = startStandalone(dataDir)) {
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
}

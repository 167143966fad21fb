package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.lastOf;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static com.allinone.commerce.standalone.CommerceApi.statusOf;
import static com.allinone.commerce.standalone.CommerceApi.stockOf;
import static com.allinone.commerce.standalone.CommerceApi.twoLineOrderBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.sagas.inventory.SkuCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A flash sale through the running app: many buyers at once against few units. Nobody is oversold, every order ends
 * confirmed or rejected, and the counters balance (DESIGN §5, §8). In CI the stock gate is the machine's real Redis.
 */
class FlashSaleIT extends StandaloneTestSupport {

    private static final int CLIENTS = 50;

    @Test
    void thousandBuyersForAHundredUnitsLeaveExactlyAHundredConfirmed() {
        String admin = adminToken();
        String sku = newSku();
        createProduct(web, admin, sku, 10_000);
        receiveStock(web, admin, sku, 100);

        Map<String, OrderStatus> outcome = buyConcurrently(1_000, i -> orderBody(sku, 1));

        assertThat(countOf(outcome, OrderStatus.CONFIRMED)).isEqualTo(100);
        assertThat(countOf(outcome, OrderStatus.REJECTED)).isEqualTo(900);
        outcome.entrySet().stream().filter(e -> e.getValue() == OrderStatus.REJECTED).forEach(e ->
                assertThat(lastOf(applicationContext, e.getKey(), OrderRejected.class).reason())
                        .isEqualTo(RejectionReason.OUT_OF_STOCK));
        SkuCounters stock = stockOf(applicationContext, sku);
        assertThat(stock).isEqualTo(new SkuCounters(sku, 100, 0, 100, 0));
        assertThat(stock.balances()).isTrue();
    }

    @Test
    void noOrderHoldsOneSkuWithoutTheOther() {
        String admin = adminToken();
        String shoes = newSku();
        String laces = newSku();
        createProduct(web, admin, shoes, 10_000);
        createProduct(web, admin, laces, 1_000);
        receiveStock(web, admin, shoes, 60);
        receiveStock(web, admin, laces, 40);

        Map<String, OrderStatus> outcome = buyConcurrently(200, i -> twoLineOrderBody(shoes, laces));

        assertThat(countOf(outcome, OrderStatus.CONFIRMED)).isEqualTo(40);
        assertThat(countOf(outcome, OrderStatus.REJECTED)).isEqualTo(160);
        // Every held unit of one SKU is matched by one of the other: 40 orders hold both, none holds one.
        assertThat(stockOf(applicationContext, shoes)).isEqualTo(new SkuCounters(shoes, 60, 20, 40, 0));
        assertThat(stockOf(applicationContext, laces)).isEqualTo(new SkuCounters(laces, 40, 0, 40, 0));
    }

    /**
     * Places the orders from {@link #CLIENTS} customers at once, all of which must be accepted, then waits until
     * every order is confirmed or rejected. Answers each order's final status.
     */
    private Map<String, OrderStatus> buyConcurrently(int orders, IntFunction<String> body) {
        List<String> customers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            customers.add(newSubject());
            tokens.add(token(customers.get(i), "CUSTOMER"));
        }
        WebClient client = WebClient.create("http://localhost:"
                + applicationContext.getEnvironment().getProperty("local.server.port"));

        List<String> orderIds = Flux.range(0, orders)
                .flatMap(i -> {
                    int buyer = i % CLIENTS;
                    String key = newKey();
                    return client.post().uri("/api/orders")
                            .headers(h -> {
                                h.setBearerAuth(tokens.get(buyer));
                                h.set("Idempotency-Key", key);
                            })
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(body.apply(i))
                            .exchangeToMono(response -> response.statusCode().value() == 202
                                    ? Mono.just(FlowIds.orderId(customers.get(buyer), key))
                                    : response.bodyToMono(String.class).defaultIfEmpty("").flatMap(problem ->
                                            Mono.error(new AssertionError(response.statusCode() + " " + problem))));
                }, CLIENTS)
                .collectList()
                .block(Duration.ofMinutes(5));
        assertThat(orderIds).hasSize(orders).doesNotHaveDuplicates();

        Map<String, OrderStatus> settled = new ConcurrentHashMap<>();
        Set<String> open = new HashSet<>(orderIds);
        Awaitility.await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            open.removeIf(orderId -> {
                OrderStatus status = statusOf(applicationContext, orderId);
                if (status == OrderStatus.CONFIRMED || status == OrderStatus.REJECTED) {
                    settled.put(orderId, status);
                    return true;
                }
                assertThat(status).as("order %s", orderId).isIn(OrderStatus.PLACED, OrderStatus.STOCK_RESERVED,
                        OrderStatus.PAID);
                return false;
            });
            return open.isEmpty();
        });
        return settled;
    }

    private static long countOf(Map<String, OrderStatus> outcome, OrderStatus status) {
        return outcome.values().stream().filter(status::equals).collect(Collectors.counting());
    }
}

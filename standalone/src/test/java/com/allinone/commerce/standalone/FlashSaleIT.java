package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.createProduct;
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
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.sagas.inventory.SkuCounters;
import com.allinone.commerce.sagas.order.FlowBacklog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A flash sale through the running app: many buyers at once against few units. Stock is taken at the door, so the
 * buyers who miss out are answered 409 at once and leave nothing in the event store; nobody is oversold, every
 * accepted order ends confirmed, and the counters balance (DESIGN §4, §5, §8). In CI the gate is the machine's Redis.
 */
class FlashSaleIT extends StandaloneTestSupport {

    private static final int CLIENTS = 50;

    @Test
    void thousandBuyersForAHundredUnitsLeaveExactlyAHundredConfirmedAndNineHundredRefusedAtTheDoor() {
        String admin = adminToken();
        String sku = newSku();
        createProduct(web, admin, sku, 10_000);
        receiveStock(web, admin, sku, 100);

        Sale sale = buyConcurrently(1_000, i -> orderBody(sku, 1));

        assertThat(sale.accepted()).hasSize(100);
        assertThat(sale.refused()).hasSize(900);
        assertThat(sale.refusals()).allSatisfy(problem -> assertThat(problem)
                .contains("/problems/out-of-stock").contains("\"skus\":[\"" + sku + "\"]"));
        assertThat(awaitSettled(sale.accepted()).values()).containsOnly(OrderStatus.CONFIRMED);
        // Nothing of a refused order reached the event store.
        assertThat(sale.refused()).allSatisfy(orderId -> assertThat(eventsOf(orderId)).isEmpty());
        SkuCounters stock = stockOf(applicationContext, sku);
        assertThat(stock).isEqualTo(new SkuCounters(sku, 100, 0, 100, 0));
        assertThat(stock.balances()).isTrue();
        // The door measures the flows' backlog from the running processor (it would let everything in unmeasured).
        FlowBacklog backlog = applicationContext.getBean(FlowBacklog.class);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> backlog.backlog() >= 0 && backlog.backlog() <= 1_500);
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

        Sale sale = buyConcurrently(200, i -> twoLineOrderBody(shoes, laces));

        assertThat(sale.accepted()).hasSize(40);
        assertThat(sale.refused()).hasSize(160);
        // Only laces ran out, and the refusals say so.
        assertThat(sale.refusals()).allSatisfy(problem -> assertThat(problem)
                .contains("\"skus\":[\"" + laces + "\"]"));
        assertThat(awaitSettled(sale.accepted()).values()).containsOnly(OrderStatus.CONFIRMED);
        // Every held unit of one SKU is matched by one of the other: 40 orders hold both, none holds one.
        assertThat(stockOf(applicationContext, shoes)).isEqualTo(new SkuCounters(shoes, 60, 20, 40, 0));
        assertThat(stockOf(applicationContext, laces)).isEqualTo(new SkuCounters(laces, 40, 0, 40, 0));
    }

    /** The orderIds answered 202, those answered 409, and the 409s' problem bodies. */
    private record Sale(List<String> accepted, List<String> refused, List<String> refusals) {
    }

    /** Places the orders from {@link #CLIENTS} customers at once; each must be accepted or refused as out of stock. */
    private Sale buyConcurrently(int orders, IntFunction<String> body) {
        List<String> customers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            customers.add(newSubject());
            tokens.add(token(customers.get(i), "CUSTOMER"));
        }
        WebClient client = WebClient.create("http://localhost:"
                + applicationContext.getEnvironment().getProperty("local.server.port"));
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        List<String> refusals = Collections.synchronizedList(new ArrayList<>());

        Flux.range(0, orders)
                .flatMap(i -> {
                    int buyer = i % CLIENTS;
                    String key = newKey();
                    String orderId = FlowIds.orderId(customers.get(buyer), key);
                    return client.post().uri("/api/orders")
                            .headers(h -> {
                                h.setBearerAuth(tokens.get(buyer));
                                h.set("Idempotency-Key", key);
                            })
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(body.apply(i))
                            .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                                    .flatMap(answer -> switch (response.statusCode().value()) {
                                        case 202 -> Mono.fromRunnable(() -> accepted.add(orderId));
                                        case 409 -> Mono.fromRunnable(() -> {
                                            refused.add(orderId);
                                            refusals.add(answer);
                                        });
                                        default -> Mono.error(new AssertionError(response.statusCode() + " " + answer));
                                    }));
                }, CLIENTS)
                .then()
                .block(Duration.ofMinutes(5));
        assertThat(accepted).doesNotHaveDuplicates();
        return new Sale(List.copyOf(accepted), List.copyOf(refused), List.copyOf(refusals));
    }

    /** Waits until every order is confirmed or rejected; answers each order's final status. */
    private Map<String, OrderStatus> awaitSettled(List<String> orderIds) {
        Map<String, OrderStatus> settled = new ConcurrentHashMap<>();
        Set<String> open = new HashSet<>(orderIds);
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            open.removeIf(orderId -> {
                OrderStatus status = statusOf(applicationContext, orderId);
                if (status == OrderStatus.CONFIRMED || status == OrderStatus.REJECTED) {
                    settled.put(orderId, status);
                    return true;
                }
                assertThat(status).as("order %s", orderId).isIn(OrderStatus.STOCK_RESERVED, OrderStatus.PAID);
                return false;
            });
            return open.isEmpty();
        });
        return settled;
    }
}

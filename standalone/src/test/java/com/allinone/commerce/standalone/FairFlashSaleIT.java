package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static com.allinone.commerce.standalone.CommerceApi.stockOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.sagas.inventory.SkuCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A flash sale is fair: one customer takes at most the product's purchase limit and cannot hammer the door. */
class FairFlashSaleIT extends StandaloneTestSupport {

    private WebClient client;

    /** What one order request was answered: its status, problem type (if any), Retry-After and orderId. */
    private record Answer(int status, String type, String retryAfter, String orderId) {
    }

    @Test
    void aCustomerAtThePurchaseLimitIsRefusedWhileOthersStillBuy() {
        String admin = adminToken();
        String sku = newSku();
        createProduct(web, admin, sku, 10_000);
        receiveStock(web, admin, sku, 10);
        setPurchaseLimit(admin, sku, 2);

        String greedy = newSubject();
        String greedyToken = token(greedy, "CUSTOMER");
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(order(greedy, greedyToken, sku, 1).block(Duration.ofSeconds(30)));
        }

        assertThat(answers).extracting(Answer::status).containsExactly(202, 202, 409, 409);
        assertThat(answers.subList(2, 4)).extracting(Answer::type)
                .containsOnly("/problems/purchase-limit-reached");
        // A refused order was never stored.
        assertThat(answers.subList(2, 4)).allSatisfy(refused -> assertThat(eventsOf(refused.orderId())).isEmpty());
        String other = newSubject();
        assertThat(order(other, token(other, "CUSTOMER"), sku, 2).block(Duration.ofSeconds(30)).status())
                .isEqualTo(202);
        assertThat(stockOf(applicationContext, sku)).isEqualTo(new SkuCounters(sku, 10, 6, 4, 0));
    }

    @Test
    void inAConcurrentSaleNobodyGetsMoreThanTheLimit() {
        String admin = adminToken();
        String sku = newSku();
        createProduct(web, admin, sku, 10_000);
        receiveStock(web, admin, sku, 30);
        setPurchaseLimit(admin, sku, 2);
        int customers = 20;
        List<String> subjects = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            subjects.add(newSubject());
            tokens.add(token(subjects.get(i), "CUSTOMER"));
        }

        // Every customer tries five times at once: 100 orders for 30 units, at most 2 each.
        Map<String, AtomicInteger> acceptedPerCustomer = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        Flux.range(0, customers * 5)
                .flatMap(i -> order(subjects.get(i % customers), tokens.get(i % customers), sku, 1)
                        .doOnNext(answer -> {
                            assertThat(answer.status()).as("answer %s", answer).isIn(202, 409);
                            if (answer.status() == 202) {
                                accepted.incrementAndGet();
                                acceptedPerCustomer.computeIfAbsent(subjects.get(i % customers),
                                        s -> new AtomicInteger()).incrementAndGet();
                            } else {
                                assertThat(answer.type()).isIn("/problems/purchase-limit-reached",
                                        "/problems/out-of-stock");
                            }
                        }), 50)
                .blockLast(Duration.ofMinutes(2));

        assertThat(acceptedPerCustomer.values()).allSatisfy(count -> assertThat(count.get()).isLessThanOrEqualTo(2));
        assertThat(accepted.get()).isEqualTo(30);
        SkuCounters stock = stockOf(applicationContext, sku);
        assertThat(stock).isEqualTo(new SkuCounters(sku, 30, 0, 30, 0));
        assertThat(stock.balances()).isTrue();
    }

    @Test
    void aCustomerOverTheRateIsAnswered429WithRetryAfterAndOthersAreUnaffected() {
        String admin = adminToken();
        String sku = newSku();
        createProduct(web, admin, sku, 10_000);
        receiveStock(web, admin, sku, 1_000);
        String hammering = newSubject();
        String hammeringToken = token(hammering, "CUSTOMER");

        // Far more orders at once than the default burst (30): the rest of them are refused, not queued.
        long started = System.nanoTime();
        List<Answer> answers = Flux.range(0, 80)
                .flatMap(i -> order(hammering, hammeringToken, sku, 1), 40)
                .collectList()
                .block(Duration.ofMinutes(2));
        long refilledDuringTheBurst = 10 * (1 + Duration.ofNanos(System.nanoTime() - started).toSeconds());

        List<Answer> limited = answers.stream().filter(answer -> answer.status() == 429).toList();
        // Concurrent checks of one customer all count: none times out and slips through unlimited.
        assertThat(answers.size() - limited.size()).isLessThanOrEqualTo(30 + (int) refilledDuringTheBurst);
        assertThat(limited).isNotEmpty();
        assertThat(answers).extracting(Answer::status).containsOnly(202, 429);
        assertThat(limited).allSatisfy(answer -> {
            assertThat(answer.type()).isEqualTo("/problems/rate-limited");
            assertThat(Long.parseLong(answer.retryAfter())).isPositive();
            assertThat(eventsOf(answer.orderId())).isEmpty();
        });
        String other = newSubject();
        assertThat(order(other, token(other, "CUSTOMER"), sku, 1).block(Duration.ofSeconds(30)).status())
                .isEqualTo(202);
    }

    private void setPurchaseLimit(String admin, String sku, int perCustomer) {
        web.put().uri("/api/products/{sku}/purchase-limit", sku)
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"perCustomer\":" + perCustomer + "}")
                .exchange()
                .expectStatus().isAccepted();
        // The limit reaches the stock gate through its event; a probe order above it says when it is there.
        String probe = newSubject();
        String probeToken = token(probe, "CUSTOMER");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "/problems/purchase-limit-reached".equals(
                        order(probe, probeToken, sku, perCustomer + 1).block(Duration.ofSeconds(30)).type()));
    }

    /** A client that gets every answer (WebTestClient would fail the test on the refusals this class wants). */
    private WebClient client() {
        if (client == null) {
            client = WebClient.create("http://localhost:"
                    + applicationContext.getEnvironment().getProperty("local.server.port"));
        }
        return client;
    }

    private Mono<Answer> order(String subject, String token, String sku, int quantity) {
        String key = newKey();
        String orderId = FlowIds.orderId(subject, key);
        return client().post().uri("/api/orders")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(orderBody(sku, quantity))
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new Answer(response.statusCode().value(), CommerceApi.problemTypeOf(body),
                                response.headers().asHttpHeaders().getFirst("Retry-After"), orderId)));
    }
}

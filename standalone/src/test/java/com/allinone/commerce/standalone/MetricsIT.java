package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.axonconfig.metrics.SampledGauges;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** What /actuator/prometheus shows (README "Metrics") once an order has gone through. */
class MetricsIT extends StandaloneTestSupport {

    private static final String RESERVED = "commerce_stock_reservations_seconds_count{outcome=\"RESERVED\"}";
    private static final String ACCEPTED = "commerce_orders_accepted_total";
    private static final String CONFIRMED = "commerce_orders_confirmed_total";
    private static final String PAYMENT_CALLS = "resilience4j_circuitbreaker_calls_seconds_count{kind=\"successful\","
            + "name=\"payment-gateway\"}";
    private static final String PAID_STEPS = "commerce_flow_steps_seconds_count{event=\"PaymentAuthorized\","
            + "outcome=\"success\"}";

    @Test
    void anOrderThatGoesThroughShowsInTheAxonResilienceAndBusinessMeters() {
        PrometheusScrape before = scrape(adminToken());

        Shop shop = openShop(5, 10_000);
        String orderId = shop.order(1);
        awaitStatus(applicationContext, orderId, OrderStatus.CONFIRMED);
        // Counted after each event's commit, which may land just after the read model shows it.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scrape(shop.admin).value(CONFIRMED)
                >= before.value(CONFIRMED) + 1);
        // Gauges are sampled in the background; sample now rather than wait for the interval.
        applicationContext.getBean(SampledGauges.class).sampleAll();
        PrometheusScrape after = scrape(shop.admin);

        // No other test places orders while this one runs; flows of earlier tests may still confirm.
        assertThat(after.value(ACCEPTED) - before.value(ACCEPTED)).isEqualTo(1.0);
        assertThat(after.value(CONFIRMED) - before.value(CONFIRMED)).isGreaterThanOrEqualTo(1.0);
        assertThat(after.family("commerce_orders_rejected_total")).containsKey(
                "commerce_orders_rejected_total{reason=\"OUT_OF_STOCK\"}");
        assertThat(after.family("commerce_orders_cancelled_total")).containsKey(
                "commerce_orders_cancelled_total{reason=\"CUSTOMER\"}");
        assertThat(after.value(RESERVED) - before.value(RESERVED)).isGreaterThanOrEqualTo(1.0);
        assertThat(after.value(PAID_STEPS) - before.value(PAID_STEPS)).isGreaterThanOrEqualTo(1.0);
        // The confirmed order's flow is still open (it ends once delivered).
        assertThat(after.value("commerce_flows_in_progress")).isGreaterThanOrEqualTo(1.0);
        assertThat(after.family("commerce_dead_letters_parked"))
                .containsKey("commerce_dead_letters_parked{processing_group=\"my-orders\"}")
                .allSatisfy((series, parked) -> assertThat(parked).isNotNaN().isGreaterThanOrEqualTo(0.0));

        assertThat(after.value("resilience4j_circuitbreaker_state{name=\"payment-gateway\",state=\"closed\"}"))
                .isEqualTo(1.0);
        assertThat(after.value(PAYMENT_CALLS) - before.value(PAYMENT_CALLS)).isGreaterThanOrEqualTo(1.0);
        assertThat(after.family("resilience4j_retry_calls_total"))
                .containsKey("resilience4j_retry_calls_total{kind=\"successful_without_retry\",name=\"carrier\"}");

        assertThat(after.names()).contains("commandBus_successCounter_total", "eventProcessor_latency",
                "eventProcessor_successTimer_seconds_count", "eventStore_successCounter_total",
                "http_server_requests_seconds_count", "jvm_memory_used_bytes");
        assertThat(after.value("eventProcessor_successCounter_total{payloadType=\"OrderPlaced\","
                + "processorName=\"OrderFulfillmentSagaProcessor\"}")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void onlyAdminsMayScrape() {
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        web.get().uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(token(CommerceApi.newSubject(), "CUSTOMER")))
                .exchange()
                .expectStatus().isForbidden();
    }

    private PrometheusScrape scrape(String adminToken) {
        // A node's scrape is several hundred kilobytes (Axon's meters per processor and payload type).
        String text = web.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(adminToken))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return PrometheusScrape.parse(text);
    }
}

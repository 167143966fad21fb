package com.allinone.commerce.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=health,prometheus")
class GatewayRoutingTest {

    /** Fires when a test lets the query nodes' status streams send their second event. */
    private static final Sinks.Empty<Void> SECOND_EVENT = Sinks.empty();

    private static final StubBackend COMMAND_NODE = StubBackend.start("command");
    private static final StubBackend QUERY_NODE_A = StubBackend.start("query-a", SECOND_EVENT.asMono());
    private static final StubBackend QUERY_NODE_B = StubBackend.start("query-b", SECOND_EVENT.asMono());
    private static final StubBackend LEGACY = StubBackend.start("legacy");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("COMMAND_NODE_URL", COMMAND_NODE::url);
        registry.add("QUERY_NODE_URLS", () -> QUERY_NODE_A.url() + "," + QUERY_NODE_B.url());
        registry.add("LEGACY_URL", LEGACY::url);
    }

    @AfterAll
    static void stopBackends() {
        for (StubBackend backend : new StubBackend[] {COMMAND_NODE, QUERY_NODE_A, QUERY_NODE_B, LEGACY}) {
            backend.close();
        }
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST, /api/products",
            "PUT, /api/products/SKU-1/price",
            "PUT, /api/products/SKU-1/purchase-limit",
            "POST, /api/products/SKU-1/discontinue",
            "POST, /api/inventory/SKU-1/receipts",
            "POST, /api/inventory/SKU-1/adjustments",
            "POST, /api/orders",
            "POST, /api/orders/o-1/cancel",
            "POST, /api/orders/o-1/shipment/dispatch",
            "POST, /api/shipments/s-1/deliver",
            "GET, /api/audit/aggregates/o-1/state?version=3",
            "GET, /api/audit/reconciliation",
    })
    void commandsAndTheCommandNodesAuditReadsReachTheCommandNode(String method, String path) {
        assertThat(backendAnswering(HttpMethod.valueOf(method), path)).isEqualTo("command");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/products?category=shoes&limit=5",
            "GET, /api/products/SKU-1",
            "GET, /api/me/orders",
            "GET, /api/me/orders/o-1?after=7",
            "GET, /api/admin/stats",
            "GET, /api/admin/projections/order-views",
            "POST, /api/admin/dead-letters/d-1/retry",
            "DELETE, /api/admin/projections/order-views",
            "GET, /api/audit/aggregates/o-1/events",
            "GET, /api/audit/orders/o-1/timeline",
            "GET, /api/audit/reconciliation/read-models",
    })
    void readsAndAdminActionsReachAQueryNode(String method, String path) {
        assertThat(backendAnswering(HttpMethod.valueOf(method), path)).isIn("query-a", "query-b");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /",
            "GET, /shop/cart",
            "POST, /checkout",
            "GET, /api/legacy-reports/2025",
    })
    void everyOtherPathReachesTheLegacyApplication(String method, String path) {
        assertThat(backendAnswering(HttpMethod.valueOf(method), path)).isEqualTo("legacy");
    }

    @Test
    void readsAreSpreadOverBothQueryNodes() {
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            answeredBy.add(backendAnswering(HttpMethod.GET, "/api/products/SKU-" + i));
        }
        assertThat(answeredBy).containsExactlyInAnyOrder("query-a", "query-b");
    }

    @Test
    void statusStreamPassesEachEventThroughAsItArrives() {
        Flux<ServerSentEvent<String>> events = WebClient.create("http://localhost:" + port)
                .get().uri("/api/me/orders/o-1/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {});

        // The backend holds the stream open until the first event has reached the client: a gateway that buffered
        // the response would deliver nothing and the verification would time out.
        StepVerifier.create(events)
                .assertNext(event -> assertThat(event.data()).isEqualTo("PLACED"))
                .then(SECOND_EVENT::tryEmitEmpty)
                .assertNext(event -> assertThat(event.id()).isEqualTo("2"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void requestIdAndTraceHeadersPassThroughAndTheRequestIdIsEchoed() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        client.get().uri("/api/products/SKU-1")
                .header("X-Request-Id", "req-42")
                .header("traceparent", traceparent)
                .header("tracestate", "vendor=abc")
                .header("b3", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "req-42")
                .expectHeader().valueEquals("X-Seen-X-Request-Id", "req-42")
                .expectHeader().valueEquals("X-Seen-traceparent", traceparent)
                .expectHeader().valueEquals("X-Seen-tracestate", "vendor=abc")
                .expectHeader().valueEquals("X-Seen-b3", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1");
    }

    @Test
    void aRequestWithoutIdGetsOneThatTheBackendAndTheCallerBothSee() {
        var response = client.post().uri("/api/orders").exchange().expectStatus().isOk().returnResult(String.class);

        String echoed = response.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(echoed).matches("[0-9a-f-]{36}");
        assertThat(response.getResponseHeaders().getFirst("X-Seen-X-Request-Id")).isEqualTo(echoed);
    }

    @Test
    void aRequestIdUnfitForLogsIsReplaced() {
        var response = client.get().uri("/shop")
                .header("X-Request-Id", "x".repeat(500))
                .exchange().expectStatus().isOk().returnResult(String.class);

        assertThat(response.getResponseHeaders().getFirst("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void theGatewayAnswersItsOwnHealthAndMetrics() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        backendAnswering(HttpMethod.GET, "/api/products/SKU-9");

        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics)
                        .contains("spring_cloud_gateway_requests_seconds_count")
                        .contains("routeId=\"query-node-reads\""));
    }

    private String backendAnswering(HttpMethod method, String path) {
        return client.method(method).uri(path)
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class)
                .getResponseHeaders().getFirst(StubBackend.BACKEND);
    }
}

package com.allinone.commerce.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Its own gateway and backends, because it stops some of them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryNodeFailoverTest {

    private static final StubBackend QUERY_NODE_A = StubBackend.start("query-a");
    private static final StubBackend QUERY_NODE_B = StubBackend.start("query-b");
    private static final StubBackend STOPPED_LEGACY = StubBackend.start("legacy");

    static {
        STOPPED_LEGACY.close();
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("QUERY_NODE_URLS", () -> QUERY_NODE_A.url() + "," + QUERY_NODE_B.url());
        registry.add("LEGACY_URL", STOPPED_LEGACY::url);
    }

    @AfterAll
    static void stopBackends() {
        QUERY_NODE_B.close();
    }

    @Autowired
    WebTestClient client;

    @Test
    void readsGoOnThroughTheOtherQueryNodeWhenOneIsDown() {
        assertThat(answersOfReads(4)).contains("query-a", "query-b");

        QUERY_NODE_A.close();

        assertThat(answersOfReads(6)).containsOnly("query-b");
    }

    @Test
    void aBackendThatCannotBeReachedIsAServiceUnavailableProblem() {
        client.get().uri("/shop/cart").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType("application/problem+json")
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/backend-unavailable")
                .jsonPath("$.status").isEqualTo(503);
    }

    private List<String> answersOfReads(int count) {
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answeredBy.add(client.get().uri("/api/products?cursor=" + i)
                    .exchange()
                    .expectStatus().isOk()
                    .returnResult(String.class)
                    .getResponseHeaders().getFirst(StubBackend.BACKEND));
        }
        return answeredBy;
    }
}

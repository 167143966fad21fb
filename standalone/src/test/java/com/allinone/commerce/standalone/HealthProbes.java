package com.allinone.commerce.standalone;

import java.util.Map;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Asks a node's health endpoints, as anybody or with a token. */
final class HealthProbes {

    static final String HEALTH = "/actuator/health";
    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";

    private HealthProbes() {
    }

    /** The HTTP status and body of a probe; {@code token} null asks anonymously. */
    record Answer(int status, Map<String, Object> body) {

        @SuppressWarnings("unchecked")
        Map<String, Object> components() {
            return (Map<String, Object>) body.get("components");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> component(String name) {
            return (Map<String, Object>) components().get(name);
        }
    }

    static Answer ask(WebTestClient web, String path, String token) {
        EntityExchangeResult<String> result = web.get().uri(path)
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .exchange()
                .expectBody(String.class).returnResult();
        return new Answer(result.getStatus().value(), CommerceApi.bodyOf(result));
    }

    static int statusOf(WebTestClient web, String path) {
        return ask(web, path, null).status();
    }
}

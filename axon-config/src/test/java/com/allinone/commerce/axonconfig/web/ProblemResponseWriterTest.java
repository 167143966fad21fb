package com.allinone.commerce.axonconfig.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class ProblemResponseWriterTest {

    /** Like the application's mapper, which writes a problem's properties as top-level members. */
    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final ProblemResponseWriter writer = new ProblemResponseWriter(json);

    private Map<String, Object> unauthorized(MockServerWebExchange exchange, AuthenticationException failure)
            throws Exception {
        writer.unauthorized().commence(exchange, failure).block();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return json.readValue(exchange.getResponse().getBodyAsString().block(), Map.class);
    }

    @Test
    void aTokenWithAWrongClaimIsAProblemNamingTheClaim() throws Exception {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/me/orders"));
        InvalidBearerTokenException failure;
        try {
            TokenClaims.roles("CUSTOMER ADMIN");
            throw new AssertionError("a string of roles was accepted");
        } catch (InvalidBearerTokenException refused) {
            failure = refused;
        }

        Map<String, Object> problem = unauthorized(exchange, failure);

        assertThat(problem).containsEntry("type", "/problems/unauthorized").containsEntry("field", "token.roles");
        assertThat((String) problem.get("detail")).startsWith("token.roles: ");
        assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate"))
                .isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void aMissingTokenSaysOnlyThatOneIsRequired() throws Exception {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/me/orders"));

        Map<String, Object> problem = unauthorized(exchange, new InsufficientAuthenticationException("none"));

        assertThat(problem).containsEntry("type", "/problems/unauthorized").doesNotContainKey("field");
        assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    }
}

package com.allinone.commerce.axonconfig.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.server.NotAcceptableStatusException;

/** What answers an error raised outside every controller, such as in the security chain's token converter. */
class ProblemWebExceptionHandlerTest {

    @Test
    void anUnexpectedFailureIsAProblemThatNamesNoClass() throws Exception {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/me/orders"));
        ProblemWebExceptionHandler handler = new ProblemWebExceptionHandler(
                new ProblemResponseWriter(Jackson2ObjectMapperBuilder.json().build()));

        handler.handle(exchange, new ClassCastException("class java.lang.Integer cannot be cast to class "
                + "java.lang.String")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String body = exchange.getResponse().getBodyAsString().block();
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = new ObjectMapper().readValue(body, Map.class);
        assertThat(problem).containsEntry("type", "/problems/internal-error").containsEntry("status", 500);
        assertThat(body).doesNotContain("java.", "Exception", "Integer");
    }

    @Test
    void anIssuerOutOfReachIsAServiceUnavailableNotAnError() {
        ProblemDetail problem = ProblemWebExceptionHandler.problemFor(
                new AuthenticationServiceException("Could not fetch the JWK set"));

        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(String.valueOf(problem.getType())).isEqualTo("/problems/token-check-unavailable");
    }

    @Test
    void aRefusedTokenIsUnauthorized() {
        assertThat(ProblemWebExceptionHandler.problemFor(new InvalidBearerTokenException("roles")).getStatus())
                .isEqualTo(401);
    }

    @Test
    void aFrameworkErrorKeepsItsStatusWithAStableType() {
        ProblemDetail problem = ProblemWebExceptionHandler.problemFor(new NotAcceptableStatusException("nope"));

        assertThat(problem.getStatus()).isEqualTo(406);
        assertThat(String.valueOf(problem.getType())).isEqualTo("/problems/not-acceptable");
    }
}

package com.allinone.commerce.axonconfig.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import reactor.core.publisher.Mono;

/**
 * Driven by Spring Security's own firewall, so a change in what it refuses or how it says so shows here. ("//" is
 * refused only on a real server: the mock request normalises it away; HostileRequestsIT covers it.)
 */
class FirewallRejectionsTest {

    private final StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "TRACK", "CONNECT", "PROPFIND"})
    void aMethodOutsideTheUsualSevenIsNotAllowedNamingTheMethod(String method) {
        ProblemDetail problem = problemFor(MockServerHttpRequest.method(HttpMethod.valueOf(method), "/api/products"));

        assertThat(problem.getStatus()).isEqualTo(405);
        assertThat(String.valueOf(problem.getType())).isEqualTo("/problems/method-not-allowed");
        assertThat(problem.getProperties()).containsEntry("field", "method");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/products/%2e%2e/x", "/api/products/a%2fb", "/api/products/a%00",
            "/api/products/a%0d%0aX", "/api/products/a;b", "/api/products/a%25",
            "/api/products/a%5cb", "/api/products/./a", "/api/products/../a"})
    void aPathThatCouldMeanTwoThingsIsABadRequestNamingThePath(String path) {
        ProblemDetail problem = problemFor(MockServerHttpRequest.get(path));

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(String.valueOf(problem.getType())).isEqualTo("/problems/invalid-field");
        assertThat(problem.getProperties()).containsEntry("field", "path");
        assertThat(problem.getInstance()).as("the refused path is not echoed").isNull();
    }

    @Test
    void anyOtherRefusalIsARejectedRequest() {
        ProblemDetail problem = FirewallRejections.problemFor(HttpMethod.GET,
                new ServerExchangeRejectedException("The request was rejected because the header is not allowed"));

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(String.valueOf(problem.getType())).isEqualTo("/problems/request-rejected");
    }

    private ProblemDetail problemFor(MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        ServerExchangeRejectedException rejection = (ServerExchangeRejectedException) firewall
                .getFirewalledExchange(exchange)
                .flatMap(accepted -> Mono.<Throwable>empty())
                .onErrorResume(Mono::just)
                .block();
        assertThat(rejection).as("the firewall refuses %s", exchange.getRequest().getURI()).isNotNull();
        return FirewallRejections.problemFor(exchange.getRequest().getMethod(), rejection);
    }
}

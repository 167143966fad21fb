package com.allinone.commerce.axonconfig.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes a problem straight to the response, for the errors no controller advice sees: the security filter chain's
 * 401 and 403, the firewall's refusals, the request-head checks and whatever escapes them all. Always
 * {@code application/problem+json}, whatever the request accepts.
 */
public class ProblemResponseWriter {

    private final ObjectMapper objectMapper;

    public ProblemResponseWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /**
     * A token that was read but says the wrong thing (no {@code sub}, no {@code exp}, {@code roles} not an array of
     * role names…) names the claim, as {@code field: token.<claim>}; a missing, malformed or badly signed token does
     * not say more than that a valid one is required.
     */
    public ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, failure) -> {
            ProblemDetail problem = TokenClaims.invalidClaimOf(failure)
                    .map(claim -> {
                        ProblemDetail named = Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                                claim.field() + ": " + claim.reason());
                        named.setProperty("field", claim.field());
                        return named;
                    })
                    .orElseGet(() -> Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                            "A valid bearer token is required"));
            exchange.getResponse().getHeaders().set("WWW-Authenticate",
                    failure instanceof OAuth2AuthenticationException ? "Bearer error=\"invalid_token\"" : "Bearer");
            return write(exchange, problem);
        };
    }

    public ServerAccessDeniedHandler forbidden() {
        return (exchange, denied) -> write(exchange,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this"));
    }

    /** Writes the problem with the request's path as its {@code instance}. */
    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return writeAsIs(exchange, problem);
    }

    /** Writes the problem as it is: for a refused path, which an answer should not echo back. */
    public Mono<Void> writeAsIs(ServerWebExchange exchange, ProblemDetail problem) {
        return Mono.deferContextual(context -> {
            Problems.withTraceOf(problem, context);
            var response = exchange.getResponse();
            response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            try {
                byte[] body = objectMapper.writeValueAsBytes(problem);
                return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
            } catch (JsonProcessingException e) {
                return Mono.error(e);
            }
        });
    }

    /**
     * The problem as the bytes of its JSON body, for writers below Spring (Netty). Without a trace id: a request
     * Netty could not even decode never reached the tracing of requests.
     */
    byte[] bytesOf(ProblemDetail problem) throws JsonProcessingException {
        return objectMapper.writeValueAsBytes(problem);
    }
}

package com.allinone.commerce.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A backend that cannot be reached (refused, or no connection within the connect timeout, after the reads' retries
 * on the other query nodes) is a {@code 503 /problems/backend-unavailable}, in the nodes' problem+json style, rather
 * than the 500 and logged stack trace Spring Cloud Gateway gives by default: the caller may try again, nothing broke.
 */
@Component
class BackendUnavailableFilter implements GlobalFilter, Ordered {

    private final ObjectMapper json;

    BackendUnavailableFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(ConnectException.class, unreachable -> {
            ServerHttpResponse response = exchange.getResponse();
            if (response.isCommitted()) {
                return Mono.error(unreachable);
            }
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service behind " + exchange.getRequest().getPath() + " cannot be reached; try again shortly.");
            problem.setType(URI.create("/problems/backend-unavailable"));
            problem.setTitle("Backend unavailable");
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            try {
                return response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(problem))));
            } catch (JsonProcessingException impossible) {
                return Mono.error(impossible);
            }
        });
    }

    /** Just inside the request id, so the problem carries it too, and outside every route's retry. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}

package com.allinone.commerce.axonconfig.web;

import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * The last stop for an error no one else answered: raised in a web filter (the security chain's token converter),
 * or while writing another error. Spring Boot's default handler would answer its own JSON
 * ({@code timestamp, path, error…}); this one answers a problem like every other error of the API, never with a
 * class name or a stack trace. Ordered before Boot's, which then does not exist at all (it backs off for this bean).
 */
public class ProblemWebExceptionHandler implements ErrorWebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final ProblemResponseWriter problems;

    public ProblemWebExceptionHandler(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted() || DisconnectedClientHelper.isClientDisconnectedException(failure)) {
            // Too late to answer, or nobody left to answer to.
            return Mono.error(failure);
        }
        if (failure instanceof ErrorResponse error) {
            exchange.getResponse().getHeaders().addAll(error.getHeaders()); // Allow, Retry-After…
        }
        return problems.write(exchange, problemFor(failure));
    }

    @Override
    public int getOrder() {
        return -2; // Boot's DefaultErrorWebExceptionHandler is -1
    }

    static ProblemDetail problemFor(Throwable failure) {
        Optional<ProblemDetail> field = JsonFieldPaths.problemFor(failure);
        if (field.isPresent()) {
            return field.get();
        }
        if (failure instanceof ServerExchangeRejectedException) {
            return FirewallRejections.unreadableRequest();
        }
        if (failure instanceof AuthenticationServiceException) {
            // The token could not be checked at all (the issuer's keys are out of reach): not the client's fault.
            ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "token-check-unavailable",
                    "Tokens cannot be checked right now; please retry shortly");
            problem.setTitle("Token check unavailable");
            return problem;
        }
        if (failure instanceof AuthenticationException) {
            return Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required");
        }
        if (failure instanceof AccessDeniedException) {
            return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this");
        }
        if (failure instanceof ErrorResponse error) {
            ProblemDetail body = error.getBody();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(error.getStatusCode(), body.getDetail());
            problem.setType("about:blank".equals(String.valueOf(body.getType()))
                    ? URI.create(Problems.TYPE_PREFIX + ProblemDetailsAdvice.slugOf(error.getStatusCode()))
                    : body.getType());
            if (body.getTitle() != null) {
                problem.setTitle(body.getTitle());
            }
            if (body.getProperties() != null) {
                body.getProperties().forEach(problem::setProperty);
            }
            if (error.getStatusCode().value() != HttpStatus.INTERNAL_SERVER_ERROR.value()) {
                return problem; // a 503 with Retry-After stays one
            }
        }
        log.error("Unhandled error", failure);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; nothing you sent was lost. Please retry.");
    }
}

package com.allinone.commerce.axonconfig.web;

import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The security firewall's refusals ({@link StrictServerWebExchangeFirewall}, Spring Security's default) as problems:
 * by default they are a 400 with an empty body. The firewall refuses a method other than the usual seven (TRACE is
 * the one that matters: cross-site tracing), and a path that could mean two things to two parsers: encoded
 * {@code .} {@code /} {@code \} {@code ;} {@code %}, NUL, CR or LF, {@code //}, or {@code .} and {@code ..} segments.
 */
public class FirewallRejections implements ServerExchangeRejectedHandler {

    /** The firewall's default allowed methods. */
    private static final Set<HttpMethod> SERVED = Set.of(HttpMethod.DELETE, HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.OPTIONS, HttpMethod.PATCH, HttpMethod.POST, HttpMethod.PUT);

    private final ProblemResponseWriter problems;

    public FirewallRejections(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejection) {
        // Not write(): its instance would echo the refused path back.
        return problems.writeAsIs(exchange, problemFor(exchange.getRequest().getMethod(), rejection));
    }

    static ProblemDetail problemFor(HttpMethod method, ServerExchangeRejectedException rejection) {
        if (!SERVED.contains(method)) {
            // No Allow header: which methods a path takes is the router's knowledge, and this path may have none.
            return Problems.namingField(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method Not Allowed",
                    "method", "is not one this API serves (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)");
        }
        // The firewall tells what it refused only in its message; anything but the URL is a header or parameter.
        String message = String.valueOf(rejection.getMessage());
        if (message.contains("URL")) {
            return Problems.invalidField("path", "must not contain encoded '.', '/', '\\', ';' or '%' (%2e, %2f, "
                    + "%5c, %3b, %25), NUL, CR or LF (%00, %0d, %0a), '//', or '.' and '..' segments");
        }
        return unreadableRequest();
    }

    /** A refusal nobody could attribute to one part of the request (it should not happen: see RequestHeadCheck). */
    static ProblemDetail unreadableRequest() {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "request-rejected",
                "A header or query parameter holds characters this API does not accept (control characters)");
        problem.setTitle("Request rejected");
        return problem;
    }
}

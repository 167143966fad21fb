package com.allinone.commerce.axonconfig.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Checks the head of every request before anything reads it, and refuses it naming the offending header.
 *
 * <p>Spring Security's firewall checks header values and query parameter names only when something reads them, and
 * then throws wherever that is: inside a controller's argument resolution that surfaced as a 500, inside the security
 * chain as an empty 400. This filter applies the firewall's own rules ({@code ALLOWED_HEADER_NAMES},
 * {@code ALLOWED_HEADER_VALUES}, {@code ALLOWED_PARAMETER_NAMES} of {@link StrictServerWebExchangeFirewall}) to all
 * of them up front, so every request the
 * firewall would refuse is refused here, as a problem. Netty reads header bytes as ISO-8859-1, so a UTF-8 letter whose
 * encoding holds a byte 0x80-0x9F ("가" is EA B0 80) arrives as a C1 control character and is refused too.
 *
 * <p>It also parses {@code Accept} and {@code Content-Type}, which content negotiation would otherwise fail on outside
 * any handler: a malformed {@code Accept} is a 406, a malformed {@code Content-Type} a 415, each naming the header.
 */
public class RequestHeadCheck implements WebFilter, Ordered {

    private final ProblemResponseWriter problems;

    public RequestHeadCheck(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // The raw request: the firewall has not wrapped it yet, so reading it here cannot throw.
        Optional<ProblemDetail> problem = problemWith(exchange.getRequest().getHeaders(),
                exchange.getRequest().getQueryParams());
        return problem.isPresent() ? problems.write(exchange, problem.get()) : chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        // Before the security chain, so a malformed header never reaches the token decoder.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    static Optional<ProblemDetail> problemWith(HttpHeaders headers, MultiValueMap<String, String> queryParameters) {
        for (Map.Entry<String, List<String>> header : headers.headerSet()) {
            String name = header.getKey();
            if (!StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(name)) {
                return Optional.of(Problems.invalidField("headers", "a header name contains a control character"));
            }
            for (String value : header.getValue()) {
                if (!StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value)) {
                    return Optional.of(Problems.invalidField(name, "contains a character a header value may not "
                            + "carry: a control character, or a byte 0x80-0x9F such as in the UTF-8 of some letters "
                            + "(send visible ASCII)"));
                }
            }
        }
        for (String name : queryParameters.keySet()) {
            if (!StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES.test(name)) {
                return Optional.of(Problems.invalidField("query", "a parameter name contains a control character"));
            }
        }
        List<String> accept = headers.get(HttpHeaders.ACCEPT);
        if (accept != null && !areMediaTypes(accept)) {
            return Optional.of(Problems.namingField(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not Acceptable",
                    HttpHeaders.ACCEPT, "is not a list of media types; this API answers application/json "
                            + "(application/problem+json for errors, text/event-stream for event streams)"));
        }
        List<String> contentType = headers.get(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !areMediaTypes(contentType)) {
            return Optional.of(Problems.namingField(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported Media Type", HttpHeaders.CONTENT_TYPE,
                    "is not a media type with a known charset; send application/json"));
        }
        return Optional.empty();
    }

    private static boolean areMediaTypes(List<String> values) {
        try {
            MediaType.parseMediaTypes(values);
            return true;
        } catch (IllegalArgumentException malformed) {
            // InvalidMediaTypeException, or a parameter such as q=2 or charset=nope it could not take
            return false;
        }
    }
}

package com.allinone.commerce.gateway;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: the caller's when it sent a usable one, a fresh UUID otherwise. The
 * backends receive it and the caller gets it back, so a complaint can be matched to the logs of every hop. Trace
 * headers ({@code traceparent}, {@code tracestate}, {@code b3}) need nothing here: the gateway forwards every
 * end-to-end header untouched. Written by hand because Spring Cloud Gateway's header filters only add fixed values.
 */
@Component
class RequestIdFilter implements GlobalFilter, Ordered {

    static final String HEADER = "X-Request-Id";

    /** What the logs of every hop can carry safely; anything else (too long, odd bytes) is replaced. */
    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String sent = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = sent != null && USABLE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, requestId)))
                .build();
        // Set just before the status line goes out, so a backend's own echo cannot leave two different values.
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(HEADER, requestId);
            return Mono.empty();
        });
        return chain.filter(withId);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

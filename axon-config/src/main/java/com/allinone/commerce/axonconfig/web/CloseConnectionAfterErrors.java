package com.allinone.commerce.axonconfig.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Error answers close their HTTP/1.1 connection. An error is usually sent before the request body was read (a 401
 * from the security chain, a 415), and Reactor Netty 1.2.18 can then stop reading a keep-alive connection: the
 * client's next request on it is never answered (reactor/reactor-netty#4361, fix not released yet). A fresh connection
 * after an error costs little; a hung client costs a lot. Remove once a fixed Reactor Netty is on the class path.
 */
public class CloseConnectionAfterErrors implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var response = exchange.getResponse();
        response.beforeCommit(() -> {
            var status = response.getStatusCode();
            if (status != null && status.isError()) {
                response.getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        // Outside the security chain, so its 401 and 403 are covered too.
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

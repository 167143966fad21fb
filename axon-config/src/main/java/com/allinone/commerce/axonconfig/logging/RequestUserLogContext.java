package com.allinone.commerce.axonconfig.logging;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Names the authenticated caller in lines logged while their request is handled. A reactive request hops between
 * threads, so the user goes into the Reactor context, registered with Micrometer's context-propagation library: it
 * reaches the MDC wherever the request's context is restored into thread locals. With the nodes' default
 * {@code spring.reactor.context-propagation=limited} that is where Reactor restores it ({@code handle}, {@code tap})
 * and where work is handed to another thread with a snapshot of the context (command dispatch, {@code CommandSender});
 * with {@code auto} it is every line of the request, at a cost measured in {@code TracingDefaults}.
 * Runs after the security filter chain (order -100), which sets the authentication it reads.
 */
public class RequestUserLogContext implements WebFilter, Ordered {

    /** The key in the Reactor context and in the MDC: the same as in message metadata. */
    public static final String USER = FlowLogContext.USER;

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(USER,
                () -> MDC.get(USER), user -> MDC.put(USER, user), () -> MDC.remove(USER));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getName)
                .map(user -> chain.filter(exchange).contextWrite(context -> context.put(USER, user)))
                .defaultIfEmpty(Mono.defer(() -> chain.filter(exchange)))
                .flatMap(handling -> handling);
    }

    @Override
    public int getOrder() {
        return 0;
    }
}

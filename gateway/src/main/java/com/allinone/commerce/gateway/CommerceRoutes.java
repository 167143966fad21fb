package com.allinone.commerce.gateway;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.net.ConnectException;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The strangler's routing table (DESIGN §7, §9). Routes are tried in their {@code order}: the command node's two
 * audit reads come before the query nodes' {@code /api/audit/**}, and legacy takes whatever nothing else claimed.
 * The paths are those of the controllers in command-side, sagas and query-side; a new endpoint there needs a line
 * here, or it lands on legacy.
 */
@Configuration(proxyBeanMethods = false)
class CommerceRoutes {

    /** Extra attempts of a read whose query node refused the connection: each goes to the next node in turn. */
    private static final int READ_RETRIES = 3;

    @Bean
    RouteLocator commerceRouteLocator(RouteLocatorBuilder routes, Backends backends) {
        return routes.routes()
                // Served by the command node: past states fold the event store, the reconciliation owns the stock ledger.
                .route("command-node-audit", route -> route.order(0)
                        .method(GET, HEAD)
                        .and().path("/api/audit/aggregates/*/state", "/api/audit/reconciliation")
                        .uri(backends.commandNode()))
                .route("command-node-commands", route -> route.order(1)
                        .method(POST, PUT, PATCH, DELETE)
                        .and().path("/api/products/**", "/api/inventory/**", "/api/orders/**", "/api/shipments/**")
                        .uri(backends.commandNode()))
                // Reads are idempotent, so a read that could not even connect is safely sent to the next query node.
                // Only connect failures: a node that answered (even 5xx) may have done work, and a stream that broke
                // half-way cannot be replayed from here (the client resumes with Last-Event-ID).
                .route("query-node-reads", route -> route.order(2)
                        .method(GET, HEAD)
                        .and().path("/api/products/**", "/api/me/**", "/api/admin/**", "/api/audit/**")
                        .filters(filters -> filters.retry(retry -> retry
                                .setRetries(READ_RETRIES)
                                .setMethods(GET, HEAD)
                                .setSeries()
                                .setExceptions(ConnectException.class)))
                        .uri(Backends.QUERY_NODES))
                // The query node's operator actions: dead-letter retry/evict, projection rebuild and abort.
                .route("query-node-admin-actions", route -> route.order(3)
                        .path("/api/admin/**")
                        .uri(Backends.QUERY_NODES))
                .route("legacy", route -> route.order(Integer.MAX_VALUE)
                        .path("/**")
                        .uri(backends.legacy()))
                .build();
    }
}

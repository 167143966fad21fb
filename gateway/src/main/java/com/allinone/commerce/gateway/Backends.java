package com.allinone.commerce.gateway;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the single-instance backends live. The query nodes are not here: they are the {@code query-node} service of
 * the static discovery list ({@code QUERY_NODE_URLS}), so Spring Cloud LoadBalancer can spread reads over them.
 */
@ConfigurationProperties("commerce.gateway")
public record Backends(URI commandNode, URI legacy) {

    /** The load-balanced address of the query nodes. */
    static final URI QUERY_NODES = URI.create("lb://query-node");
}

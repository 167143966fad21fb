package com.allinone.commerce.axonconfig.web;

import java.net.InetSocketAddress;
import org.springframework.boot.actuate.autoconfigure.security.reactive.EndpointRequest;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.core.env.Environment;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;

/**
 * Prometheus scrapes without a token, but only on a separate management port ({@code MANAGEMENT_SERVER_PORT}): that
 * port is for the operators' network (compose publishes none), and a scraper holding a signed ADMIN token would be a
 * standing credential more to guard. On the API port, and for every other actuator endpoint, ADMIN is still required.
 */
final class ManagementPortScrapes {

    private ManagementPortScrapes() {
    }

    /** Matches a Prometheus scrape that arrived on the separate management port; never when there is none. */
    static ServerWebExchangeMatcher matcher(Environment environment) {
        Integer managementPort = environment.getProperty("management.server.port", Integer.class);
        Integer serverPort = environment.getProperty("server.port", Integer.class, 8080);
        if (managementPort == null || managementPort <= 0 || managementPort.equals(serverPort)) {
            return exchange -> MatchResult.notMatch();
        }
        ServerWebExchangeMatcher scrape = EndpointRequest.to(PrometheusScrapeEndpoint.class);
        return exchange -> {
            InetSocketAddress local = exchange.getRequest().getLocalAddress();
            return local != null && local.getPort() == managementPort ? scrape.matches(exchange)
                    : MatchResult.notMatch();
        };
    }
}

package com.allinone.commerce.axonconfig.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.reactive.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * One error path for the whole HTTP surface of every node: whatever refuses a request (Netty, the security firewall,
 * a codec, a filter, a controller) answers {@code application/problem+json} with a stable {@code type}, a detail in
 * our words naming the offending field or header, and never a 5xx for anything a client can send. Controllers'
 * errors go through {@link ProblemDetailsAdvice}; this configuration covers the layers around them, outermost first.
 */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class NodeErrorConfiguration {

    @Bean
    @ConditionalOnClass(HttpServer.class)
    public NettyServerCustomizer decodingFailureProblems(ProblemResponseWriter problems, ServerProperties server) {
        long maxInitialLineLength = server.getNetty().getMaxInitialLineLength().toBytes();
        long maxHeaderSize = server.getMaxHttpRequestHeaderSize().toBytes();
        // Runs after Reactor Netty's own HTTP initializer, so its codec and traffic handler are in place.
        return http -> http.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
                channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, DecodingFailureProblems.NAME,
                        new DecodingFailureProblems(problems, maxInitialLineLength, maxHeaderSize));
            }
        });
    }

    @Bean
    public RequestHeadCheck requestHeadCheck(ProblemResponseWriter problems) {
        return new RequestHeadCheck(problems);
    }

    /** Picked up by Spring Security's WebFilterChainProxy in place of its empty 400. */
    @Bean
    public FirewallRejections firewallRejections(ProblemResponseWriter problems) {
        return new FirewallRejections(problems);
    }

    /** Boot's own error handler backs off for this one. */
    @Bean
    public ProblemWebExceptionHandler problemWebExceptionHandler(ProblemResponseWriter problems) {
        return new ProblemWebExceptionHandler(problems);
    }
}

package com.allinone.commerce.gateway;

import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A backend the gateway can route to, in-process on a free port: it answers every request with its own name and
 * the request ids and trace headers it received, so a test sees where a request went and what arrived there. A path
 * ending in {@code /events} is a status stream: one event at once, the second only when {@code secondEvent} has
 * fired, then the end.
 */
final class StubBackend implements AutoCloseable {

    static final String BACKEND = "X-Backend";
    static final String SEEN_PREFIX = "X-Seen-";

    private final String name;
    private final DisposableServer server;

    private StubBackend(String name, Mono<Void> secondEvent) {
        this.name = name;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                // Lets close() drop the open keep-alive connections too, as a node that dies does; without it the
                // gateway's pooled connections would keep reaching a "stopped" backend.
                .channelGroup(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
                .handle((request, response) -> {
                    response.header(BACKEND, name);
                    for (String header : new String[] {"X-Request-Id", "traceparent", "tracestate", "b3"}) {
                        String value = request.requestHeaders().get(header);
                        if (value != null) {
                            response.header(SEEN_PREFIX + header, value);
                        }
                    }
                    if (request.uri().endsWith("/events")) {
                        return response.header("Content-Type", "text/event-stream")
                                .sendString(Flux.concat(
                                        Mono.just("id:1\ndata:PLACED\n\n"),
                                        secondEvent.then(Mono.just("id:2\ndata:PAID\n\n"))));
                    }
                    return request.receive().then(
                            response.sendString(Mono.just(name + " " + request.method() + " " + request.uri())).then());
                })
                .bindNow(Duration.ofSeconds(10));
    }

    static StubBackend start(String name) {
        return new StubBackend(name, Mono.empty());
    }

    static StubBackend start(String name, Mono<Void> secondEvent) {
        return new StubBackend(name, secondEvent);
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(10));
    }
}

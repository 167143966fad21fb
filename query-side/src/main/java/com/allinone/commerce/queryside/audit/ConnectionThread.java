package com.allinone.commerce.queryside.audit;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The event loop of the request's own connection, to hand a stream's elements over to before they are encoded.
 *
 * <p>Why: WebFlux encodes each element of a streamed body into a pooled buffer on the thread that emits it. Emitted
 * from a worker while the client hangs up (cancelled on the event loop), a buffer encoded in that instant is never
 * released: Netty's leak detector reports it, and the pooled memory is lost (spring-framework issues 36356, 36438).
 * Emitting on the connection's own event loop puts the cancellation and every emission on one thread, so nothing is
 * encoded once the stream is cancelled. Only the encoding moves there; the blocking reads stay on their pool.
 */
final class ConnectionThread {

    private ConnectionThread() {
    }

    static Scheduler of(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (request instanceof Connection connection) {
            // A plain Executor, trampolined: given the event loop as an ExecutorService, Reactor would cancel its
            // tasks with an interrupt.
            return Schedulers.fromExecutor(connection.channel().eventLoop()::execute, true);
        }
        return Schedulers.immediate(); // another server (a test's mock exchange): no event loop to race with
    }
}

package com.allinone.commerce.bench;

import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.resources.ConnectionProvider;

/**
 * The one HTTP client of the bench, used alike for the app and for baseline B, so both see the same client cost.
 * Non-blocking (Reactor Netty) so that the open-loop scenario can keep arrivals on schedule while answers are slow.
 */
final class Http implements AutoCloseable {

    /** No HTTP answer: connection refused, reset, timed out. */
    static final int FAILED = -1;
    /** Not sent: every connection was busy (the client's cap on requests in flight). */
    static final int DROPPED = -2;

    /**
     * status: the HTTP status, or {@link #FAILED} / {@link #DROPPED}; retryAfter: the {@code Retry-After} header of
     * a 429 or 503, in seconds, or null.
     */
    record Response(int status, String body, String retryAfter) {
        Response(int status, String body) {
            this(status, body, null);
        }
    }

    /** At most this many requests in flight; an open loop sheds arrivals beyond it instead of queueing them. */
    static final int MAX_IN_FLIGHT = 1024;

    private final ConnectionProvider pool;
    private final HttpClient client;

    Http(String baseUrl) {
        // The default pool (2 x cores connections) would queue the 32 clients behind a handful of sockets; an open
        // loop needs one connection per request in flight. Beyond the cap a request is dropped at once (a client
        // fleet gives up, it does not queue for minutes), which keeps a saturated app from being buried further.
        pool = ConnectionProvider.builder("bench")
                .maxConnections(MAX_IN_FLIGHT)
                .pendingAcquireMaxCount(1)
                .build();
        // No short response timeout: a client that gives up closes its connection, and the bench would then
        // measure how the app copes with aborted requests instead of how fast it serves them. The open loop waits
        // two minutes for its last answers; this is only a backstop.
        client = HttpClient.create(pool).baseUrl(baseUrl).responseTimeout(Duration.ofMinutes(3));
    }

    Mono<Response> post(String path, Map<String, String> headers, String json) {
        return client.headers(h -> {
                    headers.forEach(h::set);
                    h.set("Content-Type", "application/json");
                })
                .post().uri(path)
                .send(ByteBufFlux.fromString(Mono.just(json)))
                .responseSingle(Http::answer)
                .onErrorResume(failure -> Mono.just(failed(failure)));
    }

    Mono<Response> get(String path, String token) {
        return client.headers(h -> bearer(h, token))
                .get().uri(path)
                .responseSingle(Http::answer)
                .onErrorResume(failure -> Mono.just(failed(failure)));
    }

    private static Mono<Response> answer(HttpClientResponse response, ByteBufMono body) {
        return body.asString().defaultIfEmpty("").map(text -> new Response(response.status().code(), text,
                response.responseHeaders().get("Retry-After")));
    }

    private static Response failed(Throwable failure) {
        boolean dropped = failure instanceof PoolAcquirePendingLimitException;
        return new Response(dropped ? DROPPED : FAILED, String.valueOf(failure));
    }

    private static void bearer(HttpHeaders headers, String token) {
        if (token != null) {
            headers.set("Authorization", "Bearer " + token);
        }
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(5));
    }
}

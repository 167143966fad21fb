package com.allinone.commerce.bench;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * What the app's numbers are compared with, measured in the same run on the same machine:
 * A, the stock gate's own Redis script at full speed (the floor cost of one refused or reserved order);
 * B, an HTTP endpoint that does nothing (the cost of the HTTP stack and of this client);
 * and, for {@code bench/reads}, a bare Spring WebFlux endpoint that answers a product page.
 */
final class Baselines {

    // Key names of api/.../inventory/StockKeys.java; the {stock} hash tag keeps them in one cluster slot.
    private static final String READY = "{stock}:ready";
    private static final String PENDING = "{stock}:pending";

    private Baselines() {
    }

    /**
     * Baseline A: EVALSHA of the real reserve.lua, 32 concurrent async callers on one Lettuce connection (the gate
     * also shares one connection), each call a distinct orderId so every call takes the full RESERVED path.
     * A bench-only SKU with a huge stock keeps it from ever answering SHORT. Its keys are deleted afterwards, so
     * the app's sweeper never sees the bench's reservations.
     */
    static Load.Result redisReserve(String redisUrl, Path reserveLua, String run, int callers, Duration duration)
            throws IOException {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String sha = connection.sync().scriptLoad(Files.readString(reserveLua));
            // The app sets it once its counters are built; set it only if absent so a live gate is not disturbed.
            connection.sync().set(READY, String.valueOf(System.currentTimeMillis()), SetArgs.Builder.nx());
            String sku = "BENCH-" + run + "-LUA";
            connection.sync().set(available(sku), "1000000000000");
            RedisReactiveCommands<String, String> redis = connection.reactive();
            String prefix = "bench-" + run + "-lua-";
            Load.Result result = Load.closedLoop("baseline A", callers, duration, (caller, n) -> {
                String orderId = prefix + n;
                String[] keys = {READY, "{stock}:res:" + orderId, PENDING, available(sku), "{stock}:ledger:" + sku};
                return redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys,
                                orderId, String.valueOf(System.currentTimeMillis()), "60000", sku, "1")
                        .next()
                        // "status" 200 = RESERVED; anything else would mean the baseline measured a shortcut.
                        // The script answers {state, taken, short SKUs…}.
                        .map(answer -> "RESERVED".equals(String.valueOf(answer.get(0))) ? 200 : 500)
                        .onErrorReturn(-1);
            });
            cleanUp(connection.async(), prefix, result.sent(), sku);
            return result;
        } finally {
            client.shutdown();
        }
    }

    private static void cleanUp(RedisAsyncCommands<String, String> redis, String prefix, long calls, String sku) {
        List<RedisFuture<?>> pending = new ArrayList<>();
        for (long from = 0; from < calls; from += 1000) {
            List<String> ids = new ArrayList<>();
            for (long n = from; n < Math.min(calls, from + 1000); n++) {
                ids.add(prefix + n);
            }
            pending.add(redis.del(ids.stream().map(id -> "{stock}:res:" + id).toArray(String[]::new)));
            pending.add(redis.zrem(PENDING, ids.toArray(String[]::new)));
        }
        pending.add(redis.del(available(sku), "{stock}:ledger:" + sku));
        LettuceFutures.awaitAll(1, TimeUnit.MINUTES, pending.toArray(RedisFuture[]::new));
    }

    private static String available(String sku) {
        return "{stock}:avail:" + sku;
    }

    /**
     * Baseline B: a bare Reactor Netty endpoint in this process that reads the order request and answers a small
     * JSON with 202, as the app does, and nothing else.
     */
    static DisposableServer bareEndpoint() {
        return HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/api/orders", (request, response) -> {
                    String key = String.valueOf(request.requestHeaders().get("Idempotency-Key"));
                    return response.status(202).header("Content-Type", "application/json")
                            .sendString(request.receive().aggregate().asString().defaultIfEmpty("")
                                    .map(body -> "{\"orderId\":\"" + CommerceApi.orderId("bench", key)
                                            + "\",\"consistencyToken\":\"0\"}"));
                }))
                .bindNow(Duration.ofSeconds(10));
    }

    /** The body of {@code GET /api/products/{sku}} (README "Query API"), for the bare Spring WebFlux endpoint. */
    record ProductPage(String sku, String name, String description, String category, Price price, Long available,
                       boolean discontinued) {
        record Price(long amount, String currency) {
        }
    }

    /**
     * The read benchmark's baseline: Spring WebFlux (a router function, Jackson, the same codecs and server the app
     * uses) on Reactor Netty in this process, without Spring Boot, security or a store. It answers every
     * {@code GET /api/products/{sku}} with a product page serialized per request, the least any read of the app
     * can cost.
     */
    static DisposableServer bareWebFlux() {
        RouterFunction<ServerResponse> routes = RouterFunctions.route(RequestPredicates.GET("/api/products/{sku}"),
                request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(new ProductPage(
                        request.pathVariable("sku"), "Bench product", "load benchmark", "bench",
                        new ProductPage.Price(129_000, "KRW"), 1_000_000L, false)));
        HttpHandler handler = RouterFunctions.toHttpHandler(routes);
        return HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(handler))
                .bindNow(Duration.ofSeconds(10));
    }

    /** Baseline B's load: the very request and client code the intake and flood scenarios use. */
    static Load.Result bareHttp(DisposableServer server, List<CommerceApi.Customer> customers, String sku,
                                int clients, Duration duration) {
        try (Http http = new Http("http://127.0.0.1:" + server.port())) {
            CommerceApi bare = new CommerceApi(http);
            return Load.closedLoop("baseline B", clients, duration, (client, n) ->
                    bare.placeOrder(customers.get(client % customers.size()), "b-" + n, sku)
                            .map(Http.Response::status));
        }
    }
}

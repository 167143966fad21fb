package com.allinone.commerce.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** The app's HTTP API as the bench uses it (README "Command API" / "Query API"). */
final class CommerceApi {

    static final ObjectMapper JSON = new ObjectMapper();

    record Customer(String subject, String token) {
    }

    /** One row of GET /api/me/orders. */
    private final Http http;

    CommerceApi(Http http) {
        this.http = http;
    }

    /** Standalone's POST /dev/tokens. */
    String token(String subject, String role) {
        Http.Response response = http.post("/dev/tokens", Map.of(),
                "{\"subject\":\"" + subject + "\",\"roles\":[\"" + role + "\"]}").block();
        return field(expect(response, 200, "POST /dev/tokens"), "token");
    }

    List<Customer> customers(String prefix, int count) {
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String subject = String.format("%s-%02d", prefix, i);
            customers.add(new Customer(subject, token(subject, "CUSTOMER")));
        }
        return customers;
    }

    void createProduct(String admin, String sku) {
        expect(http.post("/api/products", Map.of("Authorization", "Bearer " + admin),
                "{\"sku\":\"" + sku + "\",\"name\":\"Bench " + sku + "\",\"description\":\"load benchmark\","
                        + "\"category\":\"bench\",\"price\":{\"amount\":129000,\"currency\":\"KRW\"}}").block(),
                202, "POST /api/products");
    }

    void receive(String admin, String sku, int quantity) {
        expect(http.post("/api/inventory/" + sku + "/receipts", Map.of("Authorization", "Bearer " + admin),
                "{\"quantity\":" + quantity + ",\"reason\":\"bench\"}").block(), 202, "POST receipts");
    }

    /** Commands take effect shortly after their 202: poll the product until it shows {@code available}. */
    void awaitAvailable(String sku, long available, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Http.Response response = http.get("/api/products/" + sku, null).block();
            last = response.status() + " " + response.body();
            if (response.status() == 200) {
                JsonNode node = parse(response.body()).path("available");
                if (node.isNumber() ? node.asLong() == available : available == 0) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Product " + sku + " never showed available=" + available + ": " + last);
    }

    /** The order request of DESIGN §7, one line of one unit. */
    Mono<Http.Response> placeOrder(Customer customer, String idempotencyKey, String sku) {
        return http.post("/api/orders",
                Map.of("Authorization", "Bearer " + customer.token(), "Idempotency-Key", idempotencyKey),
                orderBody(sku));
    }

    /** A problem+json answer's {@code type}, or "" if the body is not one. */
    static String problemType(Http.Response response) {
        try {
            return JSON.readTree(response.body()).path("type").asText("");
        } catch (java.io.IOException | RuntimeException notJson) {
            return "";
        }
    }

    static String orderBody(String sku) {
        return "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"shippingAddress\":{\"name\":\"Kim\","
                + "\"line1\":\"1 Sejong-daero\",\"city\":\"Seoul\",\"postalCode\":\"04524\",\"country\":\"KR\"}}";
    }

    /** GET /api/me/orders/{id}: the order with its timeline; empty if the view does not have it (404). */
    Mono<JsonNode> myOrder(Customer customer, String orderId) {
        return http.get("/api/me/orders/" + orderId, customer.token()).flatMap(response ->
                response.status() == 404 ? Mono.empty()
                        : Mono.just(parse(expect(response, 200, "GET /api/me/orders/{id}"))));
    }

    /** How many orders {@code GET /api/me/orders} lists for the customer, following nextCursor 100 at a time. */
    long countMyOrders(Customer customer) {
        long count = 0;
        String cursor = null;
        do {
            String path = "/api/me/orders?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = parse(expect(http.get(path, customer.token()).block(), 200, "GET /api/me/orders"));
            count += page.path("items").size();
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return count;
    }

    /** Same as com.allinone.commerce.api.common.FlowIds (name-based UUIDs), so the bench needs none of our jars. */
    static String orderId(String customerId, String idempotencyKey) {
        return nameBased("order", customerId.length() + ":" + customerId + ":" + idempotencyKey);
    }

    static String paymentId(String orderId) {
        return nameBased("payment", orderId);
    }

    static String shipmentId(String orderId) {
        return nameBased("shipment", orderId);
    }

    private static String nameBased(String namespace, String name) {
        return UUID.nameUUIDFromBytes((namespace + "|" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String expect(Http.Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }

    private static String field(String json, String name) {
        return parse(json).path(name).asText();
    }
}

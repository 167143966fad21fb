package com.allinone.commerce.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.axonconfig.store.NodeEnvironmentDefaults;
import com.allinone.commerce.sagas.inventory.SkuCounters;
import com.allinone.commerce.sagas.inventory.StockGate;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The calls and checks the integration tests share, against whichever running app a {@link WebTestClient} is bound
 * to. Every id is minted fresh (SKU, subject, key): in CI the event store is a PostgreSQL shared by every run.
 */
final class CommerceApi {

    static final String ADDRESS_FIELD = """
            "shippingAddress":{"name":"Kim Minji","line1":"1 Sejong-daero","city":"Seoul",\
            "postalCode":"04524","country":"KR"}""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CommerceApi() {
    }

    // --- ids and folders ---

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static String newSku() {
        return unique("IT");
    }

    static String newSubject() {
        return unique("it-user");
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** Under target/, so {@code mvn clean} removes what the apps leave behind (H2 file, Mongo file, dev secret). */
    static Path newDataDir(String prefix) {
        try {
            Path root = Files.createDirectories(Path.of("target", "it-data").toAbsolutePath());
            return Files.createTempDirectory(root, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- apps of a test's own ---

    /**
     * Starts a standalone app of the test's own on a data folder, with its own H2 file even where the shared test
     * app uses PostgreSQL: two command nodes on one event store would share processors and tokens, and the test could
     * no longer tell which node moved its orders. Command-line arguments, not {@code properties(…)}: those are only
     * defaults, and the shared test app's DATA_DIR system property would win over them.
     */
    static ConfigurableApplicationContext startStandalone(Path dataDir, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--DATA_DIR=" + dataDir,
                "--spring.datasource.url=" + NodeEnvironmentDefaults.h2Url(dataDir),
                "--spring.datasource.username=sa", "--spring.datasource.password="));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(StandaloneApplication.class).run(args.toArray(String[]::new));
    }

    static WebTestClient clientOf(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    // --- bodies ---

    static String productBody(String sku, long amount) {
        return """
                {"sku":"%s","name":"Runner","description":"A light running shoe","category":"shoes",
                 "price":{"amount":%d,"currency":"KRW"}}""".formatted(sku, amount);
    }

    static String orderBody(String sku, int quantity) {
        return """
                {"lines":[{"sku":"%s","quantity":%d}],%s}""".formatted(sku, quantity, ADDRESS_FIELD);
    }

    static String orderBodyTo(String postalCode, String sku, int quantity) {
        return orderBody(sku, quantity).replace("\"04524\"", "\"" + postalCode + "\"");
    }

    static String twoLineOrderBody(String skuA, String skuB) {
        return """
                {"lines":[{"sku":"%s","quantity":1},{"sku":"%s","quantity":1}],%s}""".formatted(skuA, skuB,
                ADDRESS_FIELD);
    }

    // --- calls ---

    static String mintToken(WebTestClient web, String subject, String... roles) {
        Map<String, Object> answer = bodyOf(web.post().uri("/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", subject, "roles", List.of(roles)))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult());
        assertThat(answer).containsKey("token");
        return (String) answer.get("token");
    }

    static void createProduct(WebTestClient web, String adminToken, String sku, long amount) {
        web.post().uri("/api/products")
                .headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(productBody(sku, amount))
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().location("/api/products/" + sku)
                .expectBody(Void.class);
    }

    static void receiveStock(WebTestClient web, String adminToken, String sku, int quantity) {
        web.post().uri("/api/inventory/{sku}/receipts", sku)
                .headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quantity", quantity, "reason", "initial"))
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().location("/api/products/" + sku)
                .expectBody(Void.class);
        // Receipts reach the stock gate through the ledger's processor: orders are taken at the door, so they must
        // not race it.
        // Polled without assertions: WebTestClient logs every failed expectation at ERROR.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            EntityExchangeResult<byte[]> product = web.get().uri("/api/products/{sku}", sku).exchange()
                    .expectBody().returnResult();
            if (!product.getStatus().is2xxSuccessful() || product.getResponseBody() == null) {
                return false;
            }
            Object available = JSON.readValue(product.getResponseBody(), Map.class).get("available");
            return available instanceof Number units && units.intValue() >= quantity;
        });
    }

    static WebTestClient.ResponseSpec postOrder(WebTestClient web, String customerToken, String idempotencyKey,
                                                String body) {
        return web.post().uri("/api/orders")
                .headers(h -> {
                    h.setBearerAuth(customerToken);
                    h.set("Idempotency-Key", idempotencyKey);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** Places an order that must be accepted; answers its orderId, which must be the one derived from sub + key. */
    static String placeOrder(WebTestClient web, String subject, String customerToken, String idempotencyKey,
                             String body) {
        String expectedOrderId = FlowIds.orderId(subject, idempotencyKey);
        // A customer over the per-customer rate limit is told to come back (429, Retry-After); this client does, with
        // the same Idempotency-Key, as a well-behaved client would. Tests of the limit itself use their own client.
        AtomicReference<EntityExchangeResult<String>> answer = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    answer.set(postOrder(web, customerToken, idempotencyKey, body).expectBody(String.class)
                            .returnResult());
                    return answer.get().getStatus().value() != 429;
                });
        EntityExchangeResult<String> result = answer.get();
        assertThat(result.getStatus().value()).as("%s", result).isEqualTo(202);
        assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/me/orders/" + expectedOrderId);
        assertThat(bodyOf(result)).containsEntry("orderId", expectedOrderId).containsKey("consistencyToken");
        return expectedOrderId;
    }

    static WebTestClient.ResponseSpec cancelOrder(WebTestClient web, String customerToken, String orderId) {
        return web.post().uri("/api/orders/{orderId}/cancel", orderId)
                .headers(h -> h.setBearerAuth(customerToken))
                .exchange();
    }

    /** An admin moves the order's shipment on: "dispatch" or "deliver". */
    static void shipmentAction(WebTestClient web, String adminToken, String orderId, String action) {
        web.post().uri("/api/orders/{orderId}/shipment/{action}", orderId, action)
                .headers(h -> h.setBearerAuth(adminToken))
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().location("/api/me/orders/" + orderId)
                .expectBody(String.class);
    }

    /** The customer's view of the order (GET /api/me/orders/{id}), or empty while it answers anything but 200. */
    static Optional<Map<String, Object>> orderView(WebTestClient web, String customerToken, String orderId) {
        EntityExchangeResult<String> result = web.get().uri("/api/me/orders/{id}", orderId)
                .headers(h -> h.setBearerAuth(customerToken))
                .exchange().expectBody(String.class).returnResult();
        return result.getStatus().value() == 200 ? Optional.of(bodyOf(result)) : Optional.empty();
    }

    // --- answers ---

    static Map<String, Object> bodyOf(EntityExchangeResult<String> result) {
        try {
            return JSON.readValue(result.getResponseBody(), new TypeReference<>() {
            });
        } catch (IOException | IllegalArgumentException e) {
            throw new AssertionError("Not a JSON object: " + result, e);
        }
    }

    /** The {@code type} of a problem body, or null if the body is not a problem (a 202's body, say). */
    static String problemTypeOf(String body) {
        try {
            Object type = JSON.readValue(body, new TypeReference<Map<String, Object>>() {
            }).get("type");
            return type == null ? null : type.toString();
        } catch (IOException | IllegalArgumentException notJson) {
            return null;
        }
    }

    static List<Map<String, Object>> listOf(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (IOException | IllegalArgumentException e) {
            throw new AssertionError("Not a JSON array: " + json, e);
        }
    }

    /**
     * Asserts an RFC 9457 answer: the status, {@code application/problem+json} and a stable {@code /problems/…} type.
     * Answers the problem's members for further checks.
     */
    static Map<String, Object> expectProblem(WebTestClient.ResponseSpec response, HttpStatus status) {
        return expectProblem(response.expectBody(String.class).returnResult(), status);
    }

    static Map<String, Object> expectProblem(EntityExchangeResult<String> result, HttpStatus status) {
        assertThat(result.getStatus().value()).as("status; answer was %s", result).isEqualTo(status.value());
        assertThat(result.getResponseHeaders().getContentType())
                .as("content type; answer was %s", result)
                .isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "application/problem+json");
        Map<String, Object> problem = bodyOf(result);
        assertThat(problem.get("type")).as("problem type; answer was %s", result)
                .asString().startsWith("/problems/");
        assertThat(problem.get("status")).as("problem status").isEqualTo(status.value());
        return problem;
    }

    /** A 400 whose {@code field} names the offending JSON path or header. */
    static void expectInvalidField(WebTestClient.ResponseSpec response, String field) {
        Map<String, Object> problem = expectProblem(response, HttpStatus.BAD_REQUEST);
        assertThat(problem).as("problem %s", problem).containsEntry("field", field);
    }

    // --- the event store ---

    /** The aggregate's stream as the repository would source it: its latest snapshot, if any, then later events. */
    static List<? extends DomainEventMessage<?>> eventsOf(ApplicationContext context, String aggregateId) {
        return context.getBean(EventStore.class).readEvents(aggregateId).asStream().toList();
    }

    /** The order's status as its own events tell it (the read side does not exist yet). */
    static OrderStatus statusOf(ApplicationContext context, String orderId) {
        OrderStatus status = null;
        for (DomainEventMessage<?> event : eventsOf(context, orderId)) {
            status = switch (event.getPayloadType().getSimpleName()) {
                case "OrderPlaced" -> OrderStatus.PLACED;
                case "OrderStockReserved" -> OrderStatus.STOCK_RESERVED;
                case "OrderPaid" -> OrderStatus.PAID;
                case "OrderConfirmed" -> OrderStatus.CONFIRMED;
                case "OrderShipped" -> OrderStatus.SHIPPED;
                case "OrderDelivered" -> OrderStatus.DELIVERED;
                case "OrderRejected" -> OrderStatus.REJECTED;
                case "OrderCancelled" -> OrderStatus.CANCELLED;
                default -> status;
            };
        }
        return status;
    }

    static <T> T lastOf(ApplicationContext context, String aggregateId, Class<T> payloadType) {
        return eventsOf(context, aggregateId).stream()
                .filter(e -> e.getPayloadType().equals(payloadType))
                .map(e -> payloadType.cast(e.getPayload()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no " + payloadType.getSimpleName() + " for " + aggregateId));
    }

    /** Waits until the order reaches the status, failing early if it ends anywhere else. */
    static void awaitStatus(ApplicationContext context, String orderId, OrderStatus expected) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    OrderStatus status = statusOf(context, orderId);
                    if (status != null && status.isTerminal() && status != expected) {
                        throw new IllegalStateException("order " + orderId + " ended " + status + ", expected "
                                + expected);
                    }
                    assertThat(status).as("status of %s", orderId).isEqualTo(expected);
                });
    }

    static SkuCounters stockOf(ApplicationContext context, String sku) {
        return context.getBean(StockGate.class).counters(sku).block(Duration.ofSeconds(5));
    }

    static List<Class<?>> payloadTypes(List<? extends DomainEventMessage<?>> events) {
        return events.stream().<Class<?>>map(DomainEventMessage::getPayloadType).toList();
    }

    static long count(List<? extends DomainEventMessage<?>> events, Class<?> payloadType) {
        return events.stream().filter(e -> e.getPayloadType().equals(payloadType)).count();
    }
}

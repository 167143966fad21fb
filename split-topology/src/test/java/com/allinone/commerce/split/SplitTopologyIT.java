package com.allinone.commerce.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The split topology as separate processes (issue 12, DESIGN §2): a command node, two query nodes, the API gateway in
 * front and a MongoDB wire-protocol server for the query nodes, each its own JVM, on PostgreSQL (a database of its
 * own) and Redis. The README walkthrough runs through the gateway; then one query node is killed, and reads and the
 * order status stream go on through the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplitTopologyIT {

    private static final String SECRET = "split-topology-test-secret-" + UUID.randomUUID();
    /** Four Spring Boot JVMs starting at once on two cores. */
    private static final Duration START = Duration.ofMinutes(5);
    private static final Map<String, Object> ADDRESS = Map.of("name", "Alice Kim", "line1", "1 Sejong-daero",
            "city", "Seoul", "postalCode", "04524", "country", "KR");

    private final Path root = Path.of(System.getProperty("split.root", "..")).toAbsolutePath().normalize();
    private final String version = System.getProperty("split.version", "0.1.0-SNAPSHOT");
    private final Path logs = Path.of(System.getProperty("split.logs", "target/split-logs"));
    private final Tokens tokens = new Tokens(SECRET);
    private final List<NodeProcess> nodes = new ArrayList<>();

    private SplitDatabase database;
    private HttpServer legacy;
    private NodeProcess commandNodeProcess;
    private NodeProcess firstQueryNode;
    private NodeProcess secondQueryNode;
    private Http gateway;
    private Http commandNode;
    private int commandManagementPort;

    @BeforeAll
    void startTopology() throws Exception {
        database = SplitDatabase.create(System.getenv("SPRING_DATASOURCE_URL"),
                System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres"),
                System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        legacy = legacyApplication();
        int mongoPort = freePort();
        int commandPort = freePort();
        int firstQueryPort = freePort();
        int secondQueryPort = freePort();
        commandManagementPort = freePort();
        int firstQueryManagementPort = freePort();
        int secondQueryManagementPort = freePort();
        int gatewayPort = freePort();

        NodeProcess mongo = start("mongo-wire", Map.of(), List.of("-cp", jar("standalone", "commerce-standalone.jar"),
                        "-Dloader.main=com.allinone.commerce.standalone.MongoWireServer"),
                "org.springframework.boot.loader.launch.PropertiesLauncher", Integer.toString(mongoPort));
        commandNodeProcess = start("command-node", nodeEnvironment(commandPort, commandManagementPort, null),
                List.of(), "-jar", jar("command-side", "command-side-" + version + "-exec.jar"));
        start("gateway", Map.of("SERVER_PORT", Integer.toString(gatewayPort),
                        "COMMAND_NODE_URL", "http://127.0.0.1:" + commandPort,
                        "QUERY_NODE_URLS", "http://127.0.0.1:" + firstQueryPort + ",http://127.0.0.1:" + secondQueryPort,
                        "LEGACY_URL", "http://127.0.0.1:" + legacy.getAddress().getPort()), List.of(),
                "-jar", jar("gateway", "gateway-" + version + "-exec.jar"));
        awaitLogLine(mongo, "MongoDB wire server listening");
        // The command node creates the schema the query nodes read events from.
        awaitReady(commandNodeProcess, commandManagementPort);
        String mongoUri = "mongodb://127.0.0.1:" + mongoPort + "/commerce";
        firstQueryNode = start("query-node-1", nodeEnvironment(firstQueryPort, firstQueryManagementPort, mongoUri), List.of(),
                "-jar", jar("query-side", "query-side-" + version + "-exec.jar"));
        secondQueryNode = start("query-node-2", nodeEnvironment(secondQueryPort, secondQueryManagementPort, mongoUri), List.of(),
                "-jar", jar("query-side", "query-side-" + version + "-exec.jar"));
        awaitReady(firstQueryNode, firstQueryManagementPort);
        awaitReady(secondQueryNode, secondQueryManagementPort);
        commandNode = new Http("http://127.0.0.1:" + commandPort);
        gateway = new Http("http://127.0.0.1:" + gatewayPort);
        await("the gateway").atMost(START).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> gateway.get("/actuator/health", null).status() == 200);
    }

    @AfterAll
    void stopTopology() throws Exception {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        if (legacy != null) {
            legacy.stop(0);
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void walkthroughRunsThroughTheGatewayAndSurvivesLosingAQueryNode() throws Exception {
        String admin = tokens.mint("split-admin", "ADMIN");
        String alice = tokens.mint("split-alice-" + UUID.randomUUID(), "CUSTOMER");
        String sku = "SPLIT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

        // An admin lists a product and receives stock (command node); the storefront shows it (query nodes).
        assertThat(gateway.post("/api/products", admin, Map.of("sku", sku, "name", "Runner",
                "description", "Light trail shoe", "category", "shoes",
                "price", Map.of("amount", 129000, "currency", "KRW"))).status()).isEqualTo(202);
        assertThat(gateway.post("/api/inventory/" + sku + "/receipts", admin,
                Map.of("quantity", 10, "reason", "initial")).status()).isEqualTo(202);
        awaitAvailable(sku, 10);

        // More than there is: refused at the door, nothing stored.
        Http.Answer tooMany = placeOrder(alice, "too-many", sku, 50);
        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(409);
        assertThat(tooMany.json().path("type").asText()).endsWith("/problems/out-of-stock");

        // An order flows to CONFIRMED, and the status stream through the gateway shows every step as it happens.
        // The caller starts the trace (W3C traceparent); the gateway passes it on.
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String first = orderId(gateway.post("/api/orders", alice, Map.of("lines", List.of(Map.of("sku", sku,
                        "quantity", 2)), "shippingAddress", ADDRESS), "Idempotency-Key", "order-1",
                "traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01"));
        assertThat(statusStream(alice, first)).first().asString().contains("PLACED");
        assertThat(gateway.get("/api/me/orders/" + first, alice).json().path("status").asText())
                .isEqualTo("CONFIRMED");
        awaitAvailable(sku, 8);

        // Prometheus scrapes the node's management port without a token and finds the order counted; an anonymous
        // caller of the API port gets no actuator.
        Http.Answer scrape = new Http("http://127.0.0.1:" + commandManagementPort).get("/actuator/prometheus", null);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("commerce_orders_accepted_total", "commerce_orders_confirmed_total",
                "resilience4j_circuitbreaker_state", "eventProcessor_latency");
        assertThat(commandNode.get("/actuator/prometheus", null).status()).isEqualTo(401);

        // One trace across the processes: the command node handled the order in the caller's trace, and a query
        // node projected its events in it too (the trace context travels in the events' metadata).
        await("trace " + traceId + " in the command node's and a query node's log").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    assertThat(linesOf(commandNodeProcess, traceId)).anyMatch(line -> line.contains("Handling PlaceOrder"));
                    assertThat(linesOf(firstQueryNode, traceId).count() + linesOf(secondQueryNode, traceId).count())
                            .as("query nodes' log lines in trace %s", traceId).isPositive();
                });

        // Every other path goes to the legacy application being strangled.
        Http.Answer legacyPage = gateway.get("/legacy/catalog.html", null);
        assertThat(legacyPage.status()).isEqualTo(200);
        assertThat(legacyPage.body()).isEqualTo("legacy application");

        // The node that processes the order views goes: the first node to start claims every segment, so the
        // other one has to take them over.
        NodeProcess victim = holdsMyOrdersSegments(firstQueryNode) ? firstQueryNode : secondQueryNode;
        NodeProcess survivor = victim == firstQueryNode ? secondQueryNode : firstQueryNode;
        victim.kill();

        // Reads go on through the other query node, each one answered.
        for (int i = 0; i < 20; i++) {
            Http.Answer product = gateway.get("/api/products/" + sku, null);
            assertThat(product.status()).as("read %d after the kill: %s", i, product.body()).isEqualTo(200);
            Http.Answer order = gateway.get("/api/me/orders/" + first, alice);
            assertThat(order.status()).as("read %d after the kill: %s", i, order.body()).isEqualTo(200);
        }
        // And a new order's status stream. Its flow may fall in a projector segment the dead node held: the
        // survivor takes that over once the claim expires (MongoTokenStore: 10 s), and until then the order is not
        // yet in its read model (404). A client opens the stream again, as it would after any 404 right after
        // placing, and follows the flow through to CONFIRMED.
        String second = orderId(placeOrder(alice, "order-2", sku, 1));
        await("the status stream of " + second + " through the surviving query node").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(statusStream(alice, second)).last().asString().contains("CONFIRMED"));
        awaitAvailable(sku, 7);
        assertThat(survivor.alive()).as(survivor.tail(40)).isTrue();
        assertThat(holdsMyOrdersSegments(survivor)).as("the survivor took over the projector").isTrue();
    }

    private static Stream<String> linesOf(NodeProcess node, String traceId) {
        return node.logText().lines().filter(line -> line.contains(traceId));
    }

    private static boolean holdsMyOrdersSegments(NodeProcess queryNode) {
        return queryNode.logText().contains("Processor [my-orders] (Coordination Task [0]) claimed");
    }

    private Http.Answer placeOrder(String customer, String key, String sku, int quantity) {
        return gateway.post("/api/orders", customer, Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)),
                "shippingAddress", ADDRESS), "Idempotency-Key", key);
    }

    private static String orderId(Http.Answer accepted) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().path("orderId").asText();
    }

    /** The order's status changes through the gateway, until the stream ends with CONFIRMED. */
    private List<String> statusStream(String customer, String orderId) throws Exception {
        List<String> changes = gateway.events("/api/me/orders/" + orderId + "/events", customer,
                line -> line.contains("\"CONFIRMED\""), Duration.ofSeconds(120));
        assertThat(changes).as("status changes of %s", orderId).isNotEmpty();
        assertThat(changes.get(changes.size() - 1)).contains("CONFIRMED");
        return changes;
    }

    private void awaitAvailable(String sku, int units) {
        await("available " + units + " of " + sku).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode product = gateway.get("/api/products/" + sku, null).json();
                    return product.path("available").asInt(-1) == units;
                });
    }

    private Map<String, String> nodeEnvironment(int port, int managementPort, String mongoUri) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SERVER_PORT", Integer.toString(port));
        // As in compose: actuator on a port of its own, where Prometheus scrapes without a token.
        environment.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        environment.put("JWT_SECRET", SECRET);
        environment.put("SPRING_DATASOURCE_URL", database.url());
        environment.put("SPRING_DATASOURCE_USERNAME", database.user());
        environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
        environment.put("SPRING_DATA_REDIS_URL", System.getenv().getOrDefault("SPRING_DATA_REDIS_URL",
                "redis://127.0.0.1:6379"));
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // Every handled message of a flow logged, with the trace id, so one trace can be followed across the logs.
        environment.put("LOGGING_LEVEL_COM_ALLINONE_COMMERCE_FLOW", "debug");
        if (mongoUri != null) {
            environment.put("SPRING_DATA_MONGODB_URI", mongoUri);
        }
        return environment;
    }

    private NodeProcess start(String name, Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException {
        NodeProcess node = NodeProcess.start(name, logs, environment, jvmOptions, args);
        nodes.add(node);
        return node;
    }

    private String jar(String module, String file) {
        Path jar = root.resolve(module).resolve("target").resolve(file);
        assertThat(jar).as("built by the reactor before this module").exists();
        return jar.toString();
    }

    private void awaitReady(NodeProcess node, int port) {
        Http direct = new Http("http://127.0.0.1:" + port);
        await(node.name() + " ready").atMost(START).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    assertThat(node.alive()).as(node.tail(60)).isTrue();
                    return direct.get("/actuator/health/readiness", null).status() == 200;
                });
    }

    private static void awaitLogLine(NodeProcess node, String line) {
        await(node.name() + " started").atMost(START).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(node.alive()).as(node.tail(60)).isTrue();
                    return node.logText().contains(line);
                });
    }

    /** The monolith the gateway strangles: whatever it is asked, it answers that it is the legacy application. */
    private static HttpServer legacyApplication() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "legacy application".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

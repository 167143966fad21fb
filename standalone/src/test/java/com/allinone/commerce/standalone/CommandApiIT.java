package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.ADDRESS_FIELD;
import static com.allinone.commerce.standalone.CommerceApi.cancelOrder;
import static com.allinone.commerce.standalone.CommerceApi.count;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.expectInvalidField;
import static com.allinone.commerce.standalone.CommerceApi.expectProblem;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.payloadTypes;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.postOrder;
import static com.allinone.commerce.standalone.CommerceApi.productBody;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static com.allinone.commerce.standalone.CommerceApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.allinone.commerce.api.catalog.ProductCreated;
import com.allinone.commerce.api.catalog.ProductDiscontinued;
import com.allinone.commerce.api.catalog.ProductPriceChanged;
import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.inventory.StockReceived;
import com.allinone.commerce.api.order.OrderCancellationRequested;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderStockReserved;
import com.allinone.commerce.commandside.catalog.Product;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

class CommandApiIT extends StandaloneTestSupport {

    private static final long PRICE = 129_000;

    @Test
    void placesAndCancelsAnOrderRecordingEveryStepInTheEventStore() {
        String admin = unique("it-admin");
        String adminToken = token(admin, "ADMIN");
        String customer = newSubject();
        String customerToken = token(customer, "CUSTOMER");
        String sku = newSku();

        web.post().uri("/api/products")
                .headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(productBody(sku, PRICE))
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().location("/api/products/" + sku)
                .expectBody().jsonPath("$.sku").isEqualTo(sku);
        web.post().uri("/api/inventory/{sku}/receipts", sku)
                .headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quantity", 10, "reason", "initial"))
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().location("/api/products/" + sku)
                .expectBody().jsonPath("$.sku").isEqualTo(sku);

        String key = newKey();
        String orderId = FlowIds.orderId(customer, key);
        postOrder(web, customerToken, key, orderBody(sku, 2))
                .expectStatus().isAccepted()
                .expectHeader().location("/api/me/orders/" + orderId)
                .expectBody()
                .jsonPath("$.orderId").isEqualTo(orderId)
                // Stock taken at the door: OrderPlaced and OrderStockReserved are stored together, and the
                // read-your-writes token is the sequence of the second.
                .jsonPath("$.consistencyToken").isEqualTo("1");
        cancelOrder(web, customerToken, orderId)
                .expectStatus().isAccepted()
                .expectHeader().location("/api/me/orders/" + orderId)
                .expectBody().jsonPath("$.orderId").isEqualTo(orderId);

        List<? extends DomainEventMessage<?>> product = eventsOf(sku);
        assertThat(payloadTypes(product)).containsExactly(ProductCreated.class);
        assertThat((ProductCreated) product.get(0).getPayload())
                .isEqualTo(new ProductCreated(sku, "Runner", "A light running shoe", "shoes", Money.of(PRICE, "KRW")));
        assertFlowMetaData(product, sku, admin);

        List<? extends DomainEventMessage<?>> inventory = eventsOf(FlowIds.inventoryId(sku));
        assertThat(payloadTypes(inventory)).containsExactly(StockReceived.class);
        assertThat(((StockReceived) inventory.get(0).getPayload()).quantity()).isEqualTo(10);
        assertFlowMetaData(inventory, sku, admin);

        // The saga may add its own steps to the order stream; the customer's two commands caused these, in order.
        List<? extends DomainEventMessage<?>> order = eventsOf(orderId);
        assertThat(payloadTypes(order))
                .startsWith(OrderPlaced.class)
                .containsSubsequence(OrderPlaced.class, OrderCancellationRequested.class);
        assertThat(count(order, OrderPlaced.class)).isEqualTo(1);
        assertThat(count(order, OrderCancellationRequested.class)).isEqualTo(1);
        OrderPlaced placed = (OrderPlaced) order.get(0).getPayload();
        assertThat(placed.customerId()).isEqualTo(customer);
        assertThat(placed.lines()).containsExactly(
                new PricedLine(sku, 2, Money.of(PRICE, "KRW"), Money.of(2 * PRICE, "KRW")));
        assertThat(placed.total()).isEqualTo(Money.of(2 * PRICE, "KRW"));
        // Placing took the stock at the door: the reservation is stored with the order, in the same commit.
        assertThat(placed.stockHeld()).isTrue();
        assertThat(order.get(1).getPayloadType()).isEqualTo(OrderStockReserved.class);
        // The customer acted twice; every other step of the flow is the system's (the saga or one of its
        // participants), and says so.
        Set<Class<?>> customerActions = Set.of(OrderPlaced.class, OrderStockReserved.class,
                OrderCancellationRequested.class);
        assertFlowMetaData(order.stream().filter(e -> customerActions.contains(e.getPayloadType())).toList(),
                orderId, customer);
        assertThat(order).filteredOn(e -> !customerActions.contains(e.getPayloadType())).allSatisfy(event ->
                assertThat(event.getMetaData()).containsEntry("correlationId", orderId)
                        .hasEntrySatisfying("user", user -> assertThat(user.toString()).startsWith("system:")));
    }

    @Test
    void sameIdempotencyKeyAndBodyAnswersTheFirstOrderAndPlacesNothingNew() {
        String customer = newSubject();
        String customerToken = token(customer, "CUSTOMER");
        String sku = listedProduct();
        String key = newKey();

        String first = placeOrder(web, customer, customerToken, key, orderBody(sku, 1));
        String retry = placeOrder(web, customer, customerToken, key, orderBody(sku, 1));
        // The same request formatted differently is still the same request.
        String reformatted = placeOrder(web, customer, customerToken, key, """
                { %s ,
                  "lines" : [ { "quantity" : 1, "sku" : "%s" } ] }""".formatted(ADDRESS_FIELD, sku));

        assertThat(retry).isEqualTo(first);
        assertThat(reformatted).isEqualTo(first);
        assertThat(count(eventsOf(first), OrderPlaced.class)).isEqualTo(1);
    }

    @Test
    void concurrentCopiesOfOneRequestPlaceOneOrder() throws Exception {
        String customer = newSubject();
        String customerToken = token(customer, "CUSTOMER");
        String sku = listedProduct();
        String key = newKey();
        int copies = 8;

        ExecutorService clients = Executors.newFixedThreadPool(copies);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return placeOrder(web, customer, customerToken, key, orderBody(sku, 1));
                }));
            }
            start.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(FlowIds.orderId(customer, key));
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(count(eventsOf(FlowIds.orderId(customer, key)), OrderPlaced.class)).isEqualTo(1);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsRefusedAndLeavesTheFirstOrderAlone() {
        String customer = newSubject();
        String customerToken = token(customer, "CUSTOMER");
        String sku = listedProduct();
        String key = newKey();
        String orderId = placeOrder(web, customer, customerToken, key, orderBody(sku, 1));

        Map<String, Object> problem = expectProblem(postOrder(web, customerToken, key, orderBody(sku, 3)),
                HttpStatus.UNPROCESSABLE_ENTITY);

        assertThat(problem).containsEntry("type", "/problems/idempotency-key-reused");
        List<? extends DomainEventMessage<?>> order = eventsOf(orderId);
        assertThat(count(order, OrderPlaced.class)).isEqualTo(1);
        assertThat(((OrderPlaced) order.get(0).getPayload()).lines()).extracting(PricedLine::quantity)
                .containsExactly(1);
    }

    /**
     * Issue 9: fingerprints joined the address fields with U+001F, so these two addresses were one request and the
     * second was answered with the first order. If control characters are refused at the door, neither request is
     * accepted and there is nothing left to tell apart here ({@code RequestFingerprintTest} still covers it).
     */
    @Test
    void addressesThatCollidedUnderTheOldFingerprintAreRefusedBeforeAnyOrderExists() {
        // Under the old fingerprint (fields joined with U+001F) these two addresses were one request. The canonical
        // fingerprint keeps them apart (RequestFingerprintTest), and the separator itself never gets in: it is a
        // control character, refused in every text field before a fingerprint is computed.
        String customer = newSubject();
        String customerToken = token(customer, "CUSTOMER");
        String sku = listedProduct();
        String key = newKey();
        String first = orderBody(sku, 1).replace("\"name\":\"Kim Minji\",\"line1\":\"1 Sejong-daero\"",
                "\"name\":\"A\\u001fB\",\"line1\":\"C\"");
        String second = orderBody(sku, 1).replace("\"name\":\"Kim Minji\",\"line1\":\"1 Sejong-daero\"",
                "\"name\":\"A\",\"line1\":\"B\\u001fC\"");
        assertThat(first).isNotEqualTo(orderBody(sku, 1));

        expectInvalidField(postOrder(web, customerToken, key, first), "shippingAddress.name");
        expectInvalidField(postOrder(web, customerToken, key, second), "shippingAddress.line1");

        assertThat(eventsOf(FlowIds.orderId(customer, key))).isEmpty();
    }

    @Test
    void anotherCustomersSameIdempotencyKeyPlacesTheirOwnOrder() {
        String sku = listedProduct();
        String key = newKey();
        String alice = newSubject();
        String bob = newSubject();

        String alicesOrder = placeOrder(web, alice, token(alice, "CUSTOMER"), key, orderBody(sku, 1));
        String bobsOrder = placeOrder(web, bob, token(bob, "CUSTOMER"), key, orderBody(sku, 1));

        assertThat(bobsOrder).isNotEqualTo(alicesOrder);
        assertThat(((OrderPlaced) eventsOf(alicesOrder).get(0).getPayload()).customerId()).isEqualTo(alice);
        assertThat(((OrderPlaced) eventsOf(bobsOrder).get(0).getPayload()).customerId()).isEqualTo(bob);
    }

    @Test
    void cancellingTwiceIsAcceptedTwiceButRecordedOnce() {
        String customer = newSubject();
        String customerToken = token(customer, "CUSTOMER");
        String orderId = placeOrder(web, customer, customerToken, newKey(), orderBody(listedProduct(), 1));

        cancelOrder(web, customerToken, orderId).expectStatus().isAccepted()
                .expectHeader().location("/api/me/orders/" + orderId)
                .expectBody(Void.class);
        cancelOrder(web, customerToken, orderId).expectStatus().isAccepted()
                .expectHeader().location("/api/me/orders/" + orderId)
                .expectBody(Void.class);

        assertThat(count(eventsOf(orderId), OrderCancellationRequested.class)).isEqualTo(1);
    }

    /**
     * Beyond {@code commerce.snapshot.threshold} (default 100) events a Product is snapshotted. To prove the snapshot is what
     * a later command loads, the events it covers are deleted first: only the snapshot can then supply the product's
     * name, category and price that the following commands depend on.
     */
    @Test
    void productBeyondTheSnapshotThresholdIsSnapshottedAndLoadedFromTheSnapshot() {
        String adminToken = adminToken();
        String sku = newSku();
        int threshold = applicationContext.getEnvironment()
                .getProperty("commerce.snapshot.threshold", Integer.class, 100);
        createProduct(web, adminToken, sku, 1_000);
        long price = 1_000;
        for (int change = 1; change <= threshold + 1; change++) {
            // Repeating the current price is a no-op, so alternate.
            price = change % 2 == 1 ? 2_000 : 1_000;
            changePrice(adminToken, sku, price).expectStatus().isAccepted()
                    .expectHeader().location("/api/products/" + sku)
                    .expectBody(Void.class);
        }
        long currentPrice = price;
        EventStore eventStore = applicationContext.getBean(EventStore.class);
        long lastSequence = eventStore.lastSequenceNumberFor(sku).orElseThrow();
        assertThat(lastSequence).isEqualTo(threshold + 1);

        JdbcTemplate jdbc = applicationContext.getBean(JdbcTemplate.class);
        Long snapshotSequence = await().atMost(Duration.ofSeconds(30)).until(
                () -> jdbc.queryForObject(
                        "SELECT MAX(sequencenumber) FROM snapshotevententry WHERE aggregateidentifier = ?",
                        Long.class, sku),
                sequence -> sequence != null);
        assertThat(snapshotSequence).isBetween(threshold - 1L, lastSequence);

        int deleted = jdbc.update(
                "DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber <= ?",
                sku, snapshotSequence);
        assertThat(deleted).isEqualTo(snapshotSequence.intValue() + 1);
        DomainEventMessage<?> sourcedFirst = eventsOf(sku).get(0);
        assertThat(sourcedFirst.getPayloadType()).isEqualTo(Product.class);
        assertThat(sourcedFirst.getSequenceNumber()).isEqualTo(snapshotSequence);

        // Creating it again with the very same fields is a no-op only if name, description, category and price came
        // back from the snapshot; re-setting the current price likewise.
        web.post().uri("/api/products")
                .headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(productBody(sku, currentPrice))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(Void.class);
        changePrice(adminToken, sku, currentPrice).expectStatus().isAccepted().expectBody(Void.class);
        assertThat(eventStore.lastSequenceNumberFor(sku)).hasValue(lastSequence);

        web.post().uri("/api/products/{sku}/discontinue", sku)
                .headers(h -> h.setBearerAuth(adminToken))
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().location("/api/products/" + sku)
                .expectBody(Void.class);

        List<? extends DomainEventMessage<?>> events = eventsOf(sku);
        DomainEventMessage<?> last = events.get(events.size() - 1);
        assertThat(last.getPayload()).isEqualTo(new ProductDiscontinued(sku));
        assertThat(last.getSequenceNumber()).isEqualTo(lastSequence + 1);
        assertThat(count(events, ProductPriceChanged.class)).isEqualTo(lastSequence - snapshotSequence);
        // And the state after it: a discontinued product's price cannot change.
        expectProblem(changePrice(adminToken, sku, currentPrice + 1), HttpStatus.CONFLICT);
    }

    private String listedProduct() {
        String sku = newSku();
        String adminToken = adminToken();
        createProduct(web, adminToken, sku, PRICE);
        receiveStock(web, adminToken, sku, 100);
        return sku;
    }

    private WebTestClient.ResponseSpec changePrice(
            String adminToken, String sku, long amount) {
        return web.put().uri("/api/products/{sku}/price", sku)
                .headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", amount, "currency", "KRW"))
                .exchange();
    }

    private static void assertFlowMetaData(List<? extends DomainEventMessage<?>> events, String correlationId,
                                           String user) {
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getMetaData()).as("metadata of %s", event.getPayloadType().getSimpleName())
                    .containsEntry("correlationId", correlationId)
                    .containsEntry("user", user);
        });
    }
}

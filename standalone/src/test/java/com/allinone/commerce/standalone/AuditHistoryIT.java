package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.awaitStatus;
import static com.allinone.commerce.standalone.CommerceApi.bodyOf;
import static com.allinone.commerce.standalone.CommerceApi.expectInvalidField;
import static com.allinone.commerce.standalone.CommerceApi.expectProblem;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.shipmentAction;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.allinone.commerce.api.catalog.ProductPriceChanged;
import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.order.OrderStatus;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;

/**
 * The auditors' reads of the event store (README: Audit API) through the running standalone app: an aggregate's
 * history, paged and streamed; an order's timeline across aggregates; an aggregate's state at a past point.
 */
class AuditHistoryIT extends StandaloneTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PRICE = 129_000;
    /** Ten pages at the cap, ten of the JDBC engine's batches. */
    private static final int LONG_HISTORY = 1_000;
    private static final Set<String> INTERRUPTIONS = Set.of(InterruptedException.class.getName(),
            ClosedByInterruptException.class.getName());

    @Test
    void anAuditorPagesThroughAnOrdersHistoryWithoutGapsOrRepeats() {
        Shop shop = openShop(10, PRICE);
        String orderId = confirmedOrder(shop);
        String auditor = auditorToken();
        int stored = eventsOf(orderId).size();

        List<Map<String, Object>> read = new ArrayList<>();
        Object after = null;
        do {
            Object cursor = after;
            Map<String, Object> page = bodyOf(get(auditor, uri -> {
                uri.path("/api/audit/aggregates/{id}/events").queryParam("limit", 2);
                if (cursor != null) {
                    uri.queryParam("afterSequence", cursor);
                }
                return uri.build(orderId);
            }).expectStatus().isOk().expectBody(String.class).returnResult());
            assertThat(page).containsEntry("aggregateId", orderId).containsEntry("aggregateType", "Order");
            List<Map<String, Object>> events = listIn(page, "events");
            assertThat(events).hasSizeBetween(1, 2);
            read.addAll(events);
            after = page.get("nextAfterSequence");
        } while (after != null);

        assertThat(read).extracting(e -> ((Number) e.get("sequence")).longValue())
                .containsExactlyElementsOf(LongStream.range(0, stored).boxed().toList());
        Map<String, Object> placed = read.get(0);
        assertThat(placed).containsEntry("type", "OrderPlaced").containsEntry("aggregateId", orderId);
        assertThat(Instant.parse((String) placed.get("timestamp"))).isBefore(Instant.now());
        Map<String, Object> payload = mapIn(placed, "payload");
        assertThat(payload).containsEntry("orderId", orderId).containsEntry("customerId", shop.customer);
        assertThat(mapIn(payload, "total")).containsEntry("amount", 2 * (int) PRICE).containsEntry("currency", "KRW");
        assertThat(mapIn(placed, "metadata")).containsEntry("user", shop.customer)
                .containsEntry("correlationId", orderId)
                .containsKeys("causationId", "traceId");
        assertThat(read).allSatisfy(e -> assertThat(mapIn(e, "metadata")).containsEntry("correlationId", orderId));
        assertThat(read).extracting(e -> e.get("type"))
                .containsSubsequence("OrderPlaced", "OrderStockReserved", "OrderPaid", "OrderConfirmed");
    }

    @Test
    void withNdjsonTheWholeHistoryStreamsOneEventPerLine() {
        Shop shop = openShop(10, PRICE);
        String orderId = confirmedOrder(shop);
        String auditor = auditorToken();

        EntityExchangeResult<String> answer = get(auditor, uri -> uri.path("/api/audit/aggregates/{id}/events")
                .build(orderId), MediaType.APPLICATION_NDJSON)
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult();

        List<Map<String, Object>> lines = answer.getResponseBody().lines().map(AuditHistoryIT::parse).toList();
        assertThat(lines).extracting(e -> ((Number) e.get("sequence")).longValue())
                .containsExactlyElementsOf(LongStream.range(0, eventsOf(orderId).size()).boxed().toList());
        assertThat(lines.get(0)).containsEntry("type", "OrderPlaced");
        assertThat(mapIn(lines.get(0), "metadata")).containsEntry("user", shop.customer);

        // Resuming after an event streams only what came after it.
        String resumed = get(auditor, uri -> uri.path("/api/audit/aggregates/{id}/events")
                .queryParam("afterSequence", 1).build(orderId), MediaType.APPLICATION_NDJSON)
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(resumed.lines().map(AuditHistoryIT::parse).map(e -> ((Number) e.get("sequence")).longValue()))
                .first().isEqualTo(2L);
    }

    /**
     * A long history (ten times the page cap, several of the JDBC engine's batches) streams whole; auditors who hang
     * up mid-stream cancel their reads, which must not interrupt a thread inside JDBC: an interrupted H2 read closes
     * the database for the whole process. Afterwards nothing was logged as an error or an interruption, and the
     * event store still reads and takes orders.
     */
    @Test
    void aLongHistoryStreamsWholeAndClientsHangingUpMidStreamHarmNothing() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try {
            String sku = CommerceApi.newSku();
            CommerceApi.createProduct(web, adminToken(), sku, PRICE);
            appendPriceChanges(sku, LONG_HISTORY);
            String auditor = auditorToken();

            assertThat(streamedLines(auditor, sku, Long.MAX_VALUE)).isEqualTo(LONG_HISTORY + 1);
            for (int client = 0; client < 20; client++) {
                assertThat(streamedLines(auditor, sku, 1 + client % 3)).isEqualTo(1 + client % 3);
            }

            assertThat(streamedLines(auditor, sku, Long.MAX_VALUE)).isEqualTo(LONG_HISTORY + 1);
            confirmedOrder(openShop(10, PRICE));
            List<String> harm = log.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || reportsAnInterruption(e))
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
            assertThat(harm).as("ERROR or interruption logged while auditors hung up").isEmpty();
        } finally {
            root.detachAppender(log);
            log.stop();
        }
    }

    @Test
    void theInventoryAndProductStreamsAreReadByTheirOwnIds() {
        Shop shop = openShop(10, PRICE);
        String auditor = auditorToken();

        Map<String, Object> stock = bodyOf(get(auditor, uri -> uri.path("/api/audit/aggregates/{id}/events")
                .build(FlowIds.inventoryId(shop.sku))).expectStatus().isOk().expectBody(String.class).returnResult());
        assertThat(stock).containsEntry("aggregateType", "Inventory");
        assertThat(listIn(stock, "events")).extracting(e -> e.get("type")).containsExactly("StockReceived");

        Map<String, Object> product = stateOf(auditor, shop.sku, null, null);
        assertThat(product).containsEntry("aggregateType", "Product").containsEntry("version", 0);
        assertThat(mapIn(product, "state")).containsEntry("sku", shop.sku)
                .containsEntry("price", Map.of("amount", (int) PRICE, "currency", "KRW"));
    }

    @Test
    void anOrdersTimelineTellsItsStoryAcrossOrderPaymentAndShipment() {
        Shop shop = openShop(10, PRICE);
        String orderId = confirmedOrder(shop);
        String auditor = auditorToken();

        // The carrier's booking follows the confirmation a moment later: wait for the shipment's part of the story.
        // Polled without assertions: WebTestClient logs every failed expectation at ERROR.
        List<Map<String, Object>> timeline = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            timeline.clear();
            timeline.addAll(listIn(bodyOf(get(auditor, uri -> uri.path("/api/audit/orders/{id}/timeline")
                    .build(orderId)).expectBody(String.class).returnResult()), "events"));
            return timeline.stream().anyMatch(e -> "ShipmentBooked".equals(e.get("type")));
        });

        assertThat(timeline).extracting(e -> e.get("aggregateType")).contains("Order", "Payment", "Shipment");
        assertThat(timeline).extracting(e -> Instant.parse((String) e.get("timestamp")))
                .isSortedAccordingTo(Instant::compareTo);
        assertThat(timeline).extracting(e -> e.get("type")).containsSubsequence("OrderPlaced", "PaymentRequested",
                "PaymentAuthorized", "OrderPaid", "OrderConfirmed", "ShipmentCreated", "ShipmentBooked");
        Map<String, Object> placed = timeline.get(0);
        assertThat(placed).containsEntry("aggregateId", orderId).containsEntry("sequence", 0)
                .containsEntry("actor", shop.customer)
                .containsEntry("summary", "placed 1 line (2 units), total " + 2 * PRICE + " KRW");
        assertThat(entryOf(timeline, "PaymentAuthorized"))
                .containsEntry("aggregateId", FlowIds.paymentId(orderId))
                .containsEntry("summary", "payment authorized: " + 2 * PRICE + " KRW (ref "
                        + eventPayload(FlowIds.paymentId(orderId), "PaymentAuthorized").get("gatewayRef") + ")");
        assertThat(entryOf(timeline, "OrderStockReserved")).containsEntry("summary",
                "stock reserved: 2 × " + shop.sku);
        assertThat(entryOf(timeline, "ShipmentCreated")).containsEntry("aggregateId", FlowIds.shipmentId(orderId));
        assertThat(timeline).allSatisfy(e -> assertThat(e.get("actor")).isNotNull());
    }

    @Test
    void theStateAtAVersionOrAnInstantIsFoldedByTheAggregatesOwnRules() {
        Shop shop = openShop(10, PRICE);
        String orderId = confirmedOrder(shop);
        String auditor = auditorToken();
        long latest = eventsOf(orderId).size() - 1;

        Map<String, Object> justPlaced = stateOf(auditor, orderId, null, "0");
        assertThat(justPlaced).containsEntry("aggregateId", orderId).containsEntry("aggregateType", "Order")
                .containsEntry("version", 0);
        Map<String, Object> placedState = mapIn(justPlaced, "state");
        assertThat(placedState).containsEntry("orderId", orderId).containsEntry("customerId", shop.customer)
                .containsEntry("status", "PLACED").containsEntry("stockReserved", false)
                .containsEntry("paid", false).containsEntry("confirmed", false)
                .containsEntry("lines", List.of(Map.of("sku", shop.sku, "quantity", 2)));

        Map<String, Object> now = stateOf(auditor, orderId, Instant.now().toString(), null);
        Map<String, Object> newest = stateOf(auditor, orderId, null, null);
        assertThat(now).isEqualTo(newest);
        assertThat(((Number) now.get("version")).longValue()).isEqualTo(latest);
        assertThat(mapIn(now, "state")).containsEntry("status", "CONFIRMED").containsEntry("paid", true)
                .containsEntry("confirmed", true);

        // An instant counts every event stored at it or before: at the second event's time, the first two.
        Instant reservedAt = eventsOf(orderId).get(1).getTimestamp();
        Map<String, Object> atReservation = stateOf(auditor, orderId, reservedAt.toString(), null);
        assertThat(atReservation).containsEntry("version", 1).containsEntry("timestamp", reservedAt.toString());
        assertThat(mapIn(atReservation, "state")).containsEntry("status", "STOCK_RESERVED");

        Instant before = Instant.parse((String) justPlaced.get("timestamp")).minusMillis(1);
        Map<String, Object> notYet = expectProblem(get(auditor, uri -> uri.path("/api/audit/aggregates/{id}/state")
                .queryParam("at", before.toString()).build(orderId)), HttpStatus.NOT_FOUND);
        assertThat(notYet.get("detail")).asString().contains("did not exist yet");
        expectProblem(get(auditor, uri -> uri.path("/api/audit/aggregates/{id}/state")
                .queryParam("version", latest + 1).build(orderId)), HttpStatus.NOT_FOUND);

        // Paid, then delivered: the state at each of those instants is what the order was then.
        shipmentAction(web, shop.admin, orderId, "dispatch");
        shipmentAction(web, shop.admin, orderId, "deliver");
        awaitStatus(applicationContext, orderId, OrderStatus.DELIVERED);
        Instant paidAt = eventOf(orderId, "OrderPaid").getTimestamp();
        // The saga confirms in the same millisecond as it often records the payment: an instant holds both.
        Map<String, Object> paid = mapIn(stateOf(auditor, orderId, paidAt.toString(), null), "state");
        assertThat(paid).containsEntry("paid", true).containsEntry("stockCommitted", false);
        assertThat(paid.get("status")).isIn("PAID", "CONFIRMED");
        Instant deliveredAt = eventOf(orderId, "OrderDelivered").getTimestamp();
        Map<String, Object> delivered = stateOf(auditor, orderId, deliveredAt.toString(), null);
        assertThat(mapIn(delivered, "state")).containsEntry("status", "DELIVERED");
        assertThat(mapIn(stateOf(auditor, orderId, paidAt.toString(), null), "state"))
                .as("later events change nothing of an earlier instant").isEqualTo(paid);
    }

    @Test
    void badParametersAreA400NamingThem() {
        Shop shop = openShop(10, PRICE);
        String orderId = shop.order(1);
        String auditor = auditorToken();

        expectInvalidField(get(auditor, events(orderId, "afterSequence", "abc")), "afterSequence");
        expectInvalidField(get(auditor, events(orderId, "afterSequence", "-1")), "afterSequence");
        expectInvalidField(get(auditor, events(orderId, "limit", "0")), "limit");
        expectInvalidField(get(auditor, events(orderId, "limit", "many")), "limit");
        expectInvalidField(get(auditor, events(orderId, "afterSequence", "x"), MediaType.APPLICATION_NDJSON),
                "afterSequence");
        expectInvalidField(get(auditor, state(orderId, "at", "yesterday")), "at");
        expectInvalidField(get(auditor, state(orderId, "at", "2026-03-01T12:00:00")), "at");
        expectInvalidField(get(auditor, state(orderId, "version", "-1")), "version");
        expectInvalidField(get(auditor, state(orderId, "version", "latest")), "version");
        expectInvalidField(get(auditor, uri -> uri.path("/api/audit/aggregates/{id}/state")
                .queryParam("at", Instant.now().toString()).queryParam("version", 0).build(orderId)), "version");
    }

    @Test
    void anUnknownIdIsA404Everywhere() {
        String auditor = auditorToken();
        String unknown = "no-such-aggregate-" + newSubject();

        expectProblem(get(auditor, events(unknown, "limit", "5")), HttpStatus.NOT_FOUND);
        expectProblem(get(auditor, uri -> uri.path("/api/audit/aggregates/{id}/events").build(unknown),
                MediaType.APPLICATION_NDJSON), HttpStatus.NOT_FOUND);
        expectProblem(get(auditor, uri -> uri.path("/api/audit/orders/{id}/timeline").build(unknown)),
                HttpStatus.NOT_FOUND);
        expectProblem(get(auditor, uri -> uri.path("/api/audit/aggregates/{id}/state").build(unknown)),
                HttpStatus.NOT_FOUND);

        // A product is an aggregate, but not an order: it has no order timeline.
        Shop shop = openShop(1, PRICE);
        expectProblem(get(auditor, uri -> uri.path("/api/audit/orders/{id}/timeline").build(shop.sku)),
                HttpStatus.NOT_FOUND);
    }

    @Test
    void onlyAuditorsReadTheHistory() {
        Shop shop = openShop(10, PRICE);
        String orderId = shop.order(1);

        for (Function<UriBuilder, URI> endpoint : List.<Function<UriBuilder, URI>>of(
                uri -> uri.path("/api/audit/aggregates/{id}/events").build(orderId),
                uri -> uri.path("/api/audit/orders/{id}/timeline").build(orderId),
                uri -> uri.path("/api/audit/aggregates/{id}/state").build(orderId))) {
            // Not even the order's own customer (their view is /api/me/orders), nor an admin who is no auditor.
            expectProblem(get(shop.customerToken, endpoint), HttpStatus.FORBIDDEN);
            expectProblem(get(shop.admin, endpoint), HttpStatus.FORBIDDEN);
            get(auditorToken(), endpoint).expectStatus().isOk().expectBody(String.class);
        }
    }

    // --- helpers ---

    /**
     * Appends price changes to a product's stream directly, in one commit: through the API each would be a request.
     * Nothing commands this product afterwards, so the command node's cached copy of it never matters.
     */
    private void appendPriceChanges(String sku, int count) {
        List<DomainEventMessage<?>> changes = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            Money previous = Money.of(PRICE + (n - 1) % 2, "KRW");
            Money next = Money.of(PRICE + n % 2, "KRW");
            changes.add(new GenericDomainEventMessage<>("Product", sku, n, new ProductPriceChanged(sku, previous, next),
                    MetaData.with("correlationId", sku).and("user", "it-audit")));
        }
        applicationContext.getBean(EventStore.class).publish(changes);
    }

    /** Reads an NDJSON history and hangs up after {@code wanted} lines (or reads it all); answers the lines read. */
    private long streamedLines(String token, String aggregateId, long wanted) {
        String port = applicationContext.getEnvironment().getProperty("local.server.port");
        Long read = WebClient.create("http://localhost:" + port).get()
                .uri("/api/audit/aggregates/{id}/events", aggregateId)
                .accept(MediaType.APPLICATION_NDJSON)
                .headers(h -> h.setBearerAuth(token))
                .retrieve()
                .bodyToFlux(String.class)
                .take(wanted)
                .count()
                .block(Duration.ofSeconds(60));
        return read == null ? 0 : read;
    }

    private static boolean reportsAnInterruption(ILoggingEvent event) {
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            if (INTERRUPTIONS.contains(t.getClassName())) {
                return true;
            }
        }
        return false;
    }

    private String confirmedOrder(Shop shop) {
        String orderId = shop.order(2);
        awaitStatus(applicationContext, orderId, OrderStatus.CONFIRMED);
        return orderId;
    }

    private DomainEventMessage<?> eventOf(String aggregateId, String type) {
        return eventsOf(aggregateId).stream().filter(e -> e.getPayloadType().getSimpleName().equals(type))
                .findFirst().orElseThrow();
    }

    private String auditorToken() {
        return token(newSubject(), "AUDITOR");
    }

    private WebTestClient.ResponseSpec get(String token, Function<UriBuilder, URI> uri) {
        return get(token, uri, MediaType.APPLICATION_JSON);
    }

    private WebTestClient.ResponseSpec get(String token, Function<UriBuilder, URI> uri, MediaType accept) {
        return web.get().uri(uri).accept(accept).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private static Function<UriBuilder, URI> events(String aggregateId, String parameter, String value) {
        return uri -> uri.path("/api/audit/aggregates/{id}/events").queryParam(parameter, value).build(aggregateId);
    }

    private static Function<UriBuilder, URI> state(String aggregateId, String parameter, String value) {
        return uri -> uri.path("/api/audit/aggregates/{id}/state").queryParam(parameter, value).build(aggregateId);
    }

    private Map<String, Object> stateOf(String token, String aggregateId, String at, String version) {
        return bodyOf(get(token, uri -> {
            uri.path("/api/audit/aggregates/{id}/state");
            if (at != null) {
                uri.queryParam("at", at);
            }
            if (version != null) {
                uri.queryParam("version", version);
            }
            return uri.build(aggregateId);
        }).expectStatus().isOk().expectBody(String.class).returnResult());
    }

    private Map<String, Object> eventPayload(String aggregateId, String type) {
        return eventsOf(aggregateId).stream().filter(e -> e.getPayloadType().getSimpleName().equals(type))
                .findFirst().map(e -> JSON.convertValue(e.getPayload(), new TypeReference<Map<String, Object>>() {
                })).orElseThrow();
    }

    private static Map<String, Object> entryOf(List<Map<String, Object>> timeline, String type) {
        return timeline.stream().filter(e -> type.equals(e.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + timeline));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapIn(Map<String, Object> json, String field) {
        return (Map<String, Object>) json.get(field);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listIn(Map<String, Object> json, String field) {
        return (List<Map<String, Object>>) json.get(field);
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Not a JSON line: " + line, e);
        }
    }
}

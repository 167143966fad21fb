package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.awaitStatus;
import static com.allinone.commerce.standalone.CommerceApi.cancelOrder;
import static com.allinone.commerce.standalone.CommerceApi.clientOf;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.mintToken;
import static com.allinone.commerce.standalone.CommerceApi.newDataDir;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static com.allinone.commerce.standalone.CommerceApi.shipmentAction;
import static com.allinone.commerce.standalone.CommerceApi.startStandalone;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.readmodels.admin.AdminStatsRefresher;
import com.allinone.commerce.standalone.GoldenCorpus.Events;
import com.allinone.commerce.standalone.GoldenCorpus.Expected;
import com.allinone.commerce.standalone.GoldenCorpus.StoredEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Records a golden corpus ({@link GoldenCorpus}): runs real order flows through a standalone app of its own, then
 * writes every event its event store holds, byte for byte, with the aggregate states they fold into and the read-model
 * documents they project to. Record one <em>before</em> changing an event's shape, so the change can be tested against
 * what is really stored. Runs only when asked, and never replaces a corpus:
 * <pre>
 * ./mvnw -pl standalone -am verify -Dit.test=GoldenCorpusRecorder -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -Dgolden.record=events-v2 "-Dgolden.note=Recorded before ..."
 * </pre>
 * writes {@code standalone/src/test/resources/golden/events-v2.json} and {@code events-v2.expected.json}; then add the
 * name to {@link GoldenCorpusIT#corpora()}.
 */
@EnabledIfSystemProperty(named = "golden.record", matches = "[a-z0-9][a-z0-9.-]*")
class GoldenCorpusRecorder {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String CUSTOMER = "golden-customer";
    private static final String REFUSED_POSTAL_CODE = "99999";
    private static final String FLOWS = "Products created, repriced, limited and discontinued; stock received and "
            + "adjusted; four orders of one customer: two lines delivered, declined by the payment provider "
            + "(rejected), cancelled by the customer after payment (shipment cancelled, refunded), refused by the "
            + "carrier (refunded, cancelled).";

    @Test
    void recordsSettledFlowsAsStoredWithWhatTheyFoldAndProjectTo() {
        String name = System.getProperty("golden.record");
        Path folder = Path.of("src", "test", "resources", GoldenCorpus.FOLDER);
        Path eventsFile = folder.resolve(name + ".json");
        Path expectedFile = folder.resolve(name + ".expected.json");
        assertThat(eventsFile).as("a corpus is never rewritten").doesNotExist();
        assertThat(expectedFile).as("a corpus is never rewritten").doesNotExist();

        try (ConfigurableApplicationContext app = startStandalone(newDataDir("golden-"),
                "--commerce.carrier.simulator.refused-postal-codes=" + REFUSED_POSTAL_CODE,
                "--commerce.payment.simulator.latency=20ms")) {
            runFlows(app);
            Awaitility.await().atMost(WAIT).during(Duration.ofSeconds(3)).until(() -> everyProcessorCaughtUp(app));

            List<StoredEvent> events = GoldenCorpus.storedEvents(app.getBean(DataSource.class));
            Serializer serializer = app.getBean("eventSerializer", Serializer.class);
            EventUpcaster upcasterChain = app.getBean(Configuration.class).upcasterChain();
            Map<String, List<JsonNode>> projected = GoldenProjection.project(app,
                    GoldenCorpus.tracked(events, serializer, upcasterChain));
            // The scratch projection is faithful: it is what the app's own projectors made of the same events.
            app.getBean(AdminStatsRefresher.class).refresh().block(WAIT);
            assertThat(projected).isEqualTo(GoldenProjection.documents(app.getBean(ReactiveMongoTemplate.class)));
            Map<String, JsonNode> folded = GoldenFold.fold(events, serializer, upcasterChain);

            String note = System.getProperty("golden.note", "").strip();
            GoldenCorpus.writeNew(eventsFile, new Events((FLOWS + " " + note).strip(), events));
            GoldenCorpus.writeNew(expectedFile, new Expected(folded, projected));
        }
    }

    private static void runFlows(ConfigurableApplicationContext app) {
        WebTestClient web = clientOf(app);
        String admin = mintToken(web, "golden-admin", "ADMIN");
        String customer = mintToken(web, CUSTOMER, "CUSTOMER");

        createProduct(web, admin, "GOLD-RUNNER", 129_000);
        put(web, admin, "/api/products/GOLD-RUNNER/price", "{\"amount\":119000,\"currency\":\"KRW\"}");
        put(web, admin, "/api/products/GOLD-RUNNER/purchase-limit", "{\"perCustomer\":5}");
        receiveStock(web, admin, "GOLD-RUNNER", 10);
        post(web, admin, "/api/inventory/GOLD-RUNNER/adjustments", "{\"delta\":2,\"reason\":\"found in back room\"}");
        createProduct(web, admin, "GOLD-SOCKS", 9_000);
        receiveStock(web, admin, "GOLD-SOCKS", 20);
        // Above the simulated provider's limit: its payment is declined.
        createProduct(web, admin, "GOLD-WATCH", 200_000_000);
        receiveStock(web, admin, "GOLD-WATCH", 1);
        createProduct(web, admin, "GOLD-OLD", 5_000);
        post(web, admin, "/api/products/GOLD-OLD/discontinue", null);

        String delivered = placeOrder(web, CUSTOMER, customer, "delivered", """
                {"lines":[{"sku":"GOLD-RUNNER","quantity":2},{"sku":"GOLD-SOCKS","quantity":3}],%s}"""
                .formatted(CommerceApi.ADDRESS_FIELD));
        awaitStatus(app, delivered, OrderStatus.CONFIRMED);
        shipmentAction(web, admin, delivered, "dispatch");
        awaitStatus(app, delivered, OrderStatus.SHIPPED);
        shipmentAction(web, admin, delivered, "deliver");
        awaitStatus(app, delivered, OrderStatus.DELIVERED);

        String declined = placeOrder(web, CUSTOMER, customer, "declined", CommerceApi.orderBody("GOLD-WATCH", 1));
        awaitStatus(app, declined, OrderStatus.REJECTED);

        String cancelled = placeOrder(web, CUSTOMER, customer, "cancelled", CommerceApi.orderBody("GOLD-SOCKS", 4));
        awaitStatus(app, cancelled, OrderStatus.CONFIRMED);
        cancelOrder(web, customer, cancelled).expectStatus().isAccepted();
        awaitStatus(app, cancelled, OrderStatus.CANCELLED);

        String refused = placeOrder(web, CUSTOMER, customer, "carrier-refused",
                CommerceApi.orderBodyTo(REFUSED_POSTAL_CODE, "GOLD-RUNNER", 1));
        awaitStatus(app, refused, OrderStatus.CANCELLED);
    }

    /** Every processor (sagas, ledger, projectors) has handled everything the event store holds. */
    private static boolean everyProcessorCaughtUp(ConfigurableApplicationContext app) {
        long head = app.getBean(EventStore.class).createHeadToken().position().orElse(-1);
        return app.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .allMatch(processor -> !processor.processingStatus().isEmpty() && processor.processingStatus()
                        .values().stream().allMatch(segment -> segment.isCaughtUp()
                                && segment.getCurrentPosition().orElse(-1) >= head));
    }

    private static void put(WebTestClient web, String admin, String path, String body) {
        web.put().uri(path).headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isAccepted();
    }

    private static void post(WebTestClient web, String admin, String path, String body) {
        WebTestClient.RequestBodySpec request = web.post().uri(path).headers(h -> h.setBearerAuth(admin));
        (body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body))
                .exchange().expectStatus().isAccepted();
    }
}

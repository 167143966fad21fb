package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.awaitStatus;
import static com.allinone.commerce.standalone.CommerceApi.cancelOrder;
import static com.allinone.commerce.standalone.CommerceApi.clientOf;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.mintToken;
import static com.allinone.commerce.standalone.CommerceApi.newDataDir;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static com.allinone.commerce.standalone.CommerceApi.shipmentAction;
import static com.allinone.commerce.standalone.CommerceApi.startStandalone;
import static com.allinone.commerce.standalone.CommerceApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.axonconfig.processing.QueryNodeProcessingGroups;
import com.allinone.commerce.readmodels.admin.AdminStatsRefresher;
import com.allinone.commerce.readmodels.catalog.CatalogProjector;
import com.allinone.commerce.readmodels.order.CustomerOrderIndex;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import com.allinone.commerce.readmodels.order.SagaStatusProjector;
import com.allinone.commerce.readmodels.timeline.OrderTimelineProjector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Read models are idempotent (DESIGN §6): replaying every event (token reset) leaves every document identical and
 * the admin figures unchanged, and so does delivering each event a second time. An app of the test's own, so the
 * replay covers a known, settled history.
 */
class ProjectionReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ORDER_INDEX = CustomerOrderIndex.collectionOf(MyOrdersProjector.COLLECTION);
    private static final List<String> COLLECTIONS = List.of(MyOrdersProjector.COLLECTION, ORDER_INDEX,
            SagaStatusProjector.COLLECTION, OrderTimelineProjector.COLLECTION, CatalogProjector.COLLECTION,
            AdminStatsRefresher.COLLECTION);

    @Test
    void replayingOrRedeliveringEveryEventChangesNoDocument() throws Exception {
        try (ConfigurableApplicationContext app = startStandalone(newDataDir("replay-"),
                "--commerce.admin-stats.refresh-interval=PT0.2S")) {
            settledHistory(app);
            // The figures as the settled orders give them: the app's own refresher may lag on a busy machine.
            refreshStats(app);
            Map<String, List<Document>> before = snapshot(app);
            assertThat(before.get(MyOrdersProjector.COLLECTION)).hasSize(3);
            assertThat(before.get(ORDER_INDEX)).as("the customer's head and the buckets of her orders").hasSizeBetween(2, 4);
            assertThat(before.get(AdminStatsRefresher.COLLECTION)).hasSize(1);

            List<TrackedEventMessage<?>> history = allEvents(app);
            List<AnnotationEventHandlerAdapter> projectors = List.of(
                    new AnnotationEventHandlerAdapter(app.getBean(MyOrdersProjector.class)),
                    new AnnotationEventHandlerAdapter(app.getBean(SagaStatusProjector.class)),
                    new AnnotationEventHandlerAdapter(app.getBean(OrderTimelineProjector.class)),
                    new AnnotationEventHandlerAdapter(app.getBean(CatalogProjector.class)));
            for (EventMessage<?> event : history) {
                for (AnnotationEventHandlerAdapter projector : projectors) {
                    if (projector.canHandle(event)) {
                        projector.handle(event);
                    }
                }
            }
            refreshStats(app);
            assertThat(snapshot(app)).as("after delivering every event twice").isEqualTo(before);

            replayAll(app);
            refreshStats(app);
            assertThat(snapshot(app)).as("after a replay from the first event").isEqualTo(before);

            // From nothing: the orders and their per-customer index are built again, the same.
            ReactiveMongoTemplate mongo = app.getBean(ReactiveMongoTemplate.class);
            mongo.dropCollection(MyOrdersProjector.COLLECTION).then(mongo.dropCollection(ORDER_INDEX)).block(WAIT);
            replayAll(app);
            refreshStats(app);
            assertThat(snapshot(app)).as("after a replay into empty collections").isEqualTo(before);
        }
    }

    /** Three orders that end: delivered, rejected for stock, cancelled after payment. */
    private static void settledHistory(ConfigurableApplicationContext app) {
        WebTestClient web = clientOf(app);
        String admin = mintToken(web, unique("it-admin"), "ADMIN");
        String customer = newSubject();
        String customerToken = mintToken(web, customer, "CUSTOMER");
        String sku = newSku();
        createProduct(web, admin, sku, 4_000);
        receiveStock(web, admin, sku, 3);

        String delivered = placeOrder(web, customer, customerToken, newKey(), orderBody(sku, 2));
        awaitStatus(app, delivered, OrderStatus.CONFIRMED);
        shipmentAction(web, admin, delivered, "dispatch");
        awaitStatus(app, delivered, OrderStatus.SHIPPED);
        shipmentAction(web, admin, delivered, "deliver");
        awaitStatus(app, delivered, OrderStatus.DELIVERED);
        // Above the simulated provider's limit: declined, so the order is rejected after its stock was held.
        String pricey = newSku();
        createProduct(web, admin, pricey, 200_000_000);
        receiveStock(web, admin, pricey, 1);
        String rejected = placeOrder(web, customer, customerToken, newKey(), orderBody(pricey, 1));
        awaitStatus(app, rejected, OrderStatus.REJECTED);
        String cancelled = placeOrder(web, customer, customerToken, newKey(), orderBody(sku, 1));
        awaitStatus(app, cancelled, OrderStatus.CONFIRMED);
        cancelOrder(web, customerToken, cancelled).expectStatus().isAccepted();
        awaitStatus(app, cancelled, OrderStatus.CANCELLED);

        Awaitility.await().atMost(WAIT).until(() -> caughtUp(app));
        ReactiveMongoTemplate mongo = app.getBean(ReactiveMongoTemplate.class);
        Awaitility.await().atMost(WAIT).until(() -> List.of(delivered, rejected, cancelled).stream().allMatch(id -> {
            Document order = mongo.findById(id, Document.class, MyOrdersProjector.COLLECTION).block(WAIT);
            return order != null && OrderStatus.valueOf(order.getString("status")).isTerminal()
                    && !"REQUESTED".equals(order.get("payment", new Document()).getString("state"));
        }));
    }

    private static void replayAll(ConfigurableApplicationContext app) {
        EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
        for (String group : groups(app)) {
            StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        Awaitility.await().atMost(WAIT).until(() -> caughtUp(app));
    }

    /**
     * Every projector has handled everything up to the head of the event store. (A replay still says "replaying"
     * while it stands exactly at the position of the reset: Axon ends the replay with the next new event.)
     */
    private static boolean caughtUp(ConfigurableApplicationContext app) {
        long head = app.getBean(EventStore.class).createHeadToken().position().orElse(-1);
        EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
        return groups(app).stream().allMatch(group -> {
            var status = processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow()
                    .processingStatus();
            return !status.isEmpty() && status.values().stream().allMatch(segment -> segment.isCaughtUp()
                    && segment.getCurrentPosition().orElse(-1) >= head);
        });
    }

    private static List<String> groups(ConfigurableApplicationContext app) {
        return app.getBeansOfType(QueryNodeProcessingGroups.class).values().stream()
                .flatMap(g -> g.names().stream()).distinct().toList();
    }

    private static void refreshStats(ConfigurableApplicationContext app) {
        app.getBean(AdminStatsRefresher.class).refresh().block(WAIT);
    }

    private static List<TrackedEventMessage<?>> allEvents(ConfigurableApplicationContext app) throws Exception {
        EventStore eventStore = app.getBean(EventStore.class);
        TrackingToken head = eventStore.createHeadToken();
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                events.add(event);
                if (event.trackingToken().covers(head)) {
                    break;
                }
            }
        }
        return events;
    }

    private static Map<String, List<Document>> snapshot(ConfigurableApplicationContext app) {
        ReactiveMongoTemplate mongo = app.getBean(ReactiveMongoTemplate.class);
        Map<String, List<Document>> documents = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            documents.put(collection, mongo.find(new Query().with(Sort.by("_id")), Document.class, collection)
                    .map(document -> collection.equals(ORDER_INDEX) ? withSetsInOrder(document) : document)
                    .collectList().block(WAIT));
        }
        return documents;
    }

    /**
     * The index's sets ({@code hours}, {@code orders}) hold what they hold in the order segments happened to add it,
     * which a replay may change; readers sort them. Compared as the sets they are.
     */
    private static Document withSetsInOrder(Document document) {
        Document copy = new Document(document);
        for (String set : List.of(CustomerOrderIndex.HOURS, CustomerOrderIndex.ORDERS)) {
            if (copy.get(set) instanceof List<?> values) {
                copy.put(set, values.stream().sorted(Comparator.comparing(Object::toString)).toList());
            }
        }
        return copy;
    }
}

package com.allinone.commerce.standalone;

import com.allinone.commerce.readmodels.admin.AdminStatsRefresher;
import com.allinone.commerce.readmodels.catalog.CatalogChanges;
import com.allinone.commerce.readmodels.catalog.CatalogProjector;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import com.allinone.commerce.readmodels.order.OrderChanges;
import com.allinone.commerce.readmodels.order.SagaStatusProjector;
import com.allinone.commerce.readmodels.timeline.OrderTimelineProjector;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.reactivestreams.client.MongoClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

/**
 * Projects events with the real projectors into a database of their own on the app's MongoDB server, and shows every
 * document they made (the admin figures recomputed from them), as JSON. A scratch database: the running app's read
 * models, and the tests reading them, never see the corpus.
 */
final class GoldenProjection {

    static final List<String> COLLECTIONS = List.of(CatalogProjector.COLLECTION, MyOrdersProjector.COLLECTION,
            SagaStatusProjector.COLLECTION, OrderTimelineProjector.COLLECTION, AdminStatsRefresher.COLLECTION);
    /** The projector's default: it only shows when a waiting flow gives up, from the event's timestamp. */
    private static final Duration PAYMENT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Relaxed extended JSON: dates stay dates ({@code $date}), numbers stay plain. */
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenProjection() {
    }

    /** Collection name to its documents in {@code _id} order. */
    static Map<String, List<JsonNode>> project(ApplicationContext app, List<? extends EventMessage<?>> events) {
        ReactiveMongoTemplate scratch = new ReactiveMongoTemplate(app.getBean(MongoClient.class),
                "golden-" + UUID.randomUUID());
        try {
            OrderChanges changes = new OrderChanges();
            List<AnnotationEventHandlerAdapter> projectors = List.of(
                    new AnnotationEventHandlerAdapter(new CatalogProjector(scratch, new CatalogChanges())),
                    new AnnotationEventHandlerAdapter(new MyOrdersProjector(scratch, changes)),
                    new AnnotationEventHandlerAdapter(new SagaStatusProjector(scratch, PAYMENT_TIMEOUT)),
                    new AnnotationEventHandlerAdapter(new OrderTimelineProjector(scratch,
                            app.getBean(ObjectMapper.class))));
            for (EventMessage<?> event : events) {
                for (AnnotationEventHandlerAdapter projector : projectors) {
                    if (projector.canHandle(event)) {
                        projector.handle(event);
                    }
                }
            }
            new AdminStatsRefresher(scratch, changes, WAIT).refresh().block(WAIT);
            return documents(scratch);
        } catch (Exception e) {
            throw new IllegalStateException("Projecting the corpus failed", e);
        } finally {
            scratch.getMongoDatabase().flatMap(db -> Mono.from(db.drop())).block(WAIT);
        }
    }

    /** Every document of the read-model collections, as the recorder and the check compare them. */
    static Map<String, List<JsonNode>> documents(ReactiveMongoTemplate mongo) {
        Map<String, List<JsonNode>> documents = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            documents.put(collection, mongo.find(new Query().with(Sort.by("_id")), Document.class, collection)
                    .map(GoldenProjection::json).collectList().block(WAIT));
        }
        return documents;
    }

    private static JsonNode json(Document document) {
        try {
            return JSON.readTree(document.toJson(RELAXED));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

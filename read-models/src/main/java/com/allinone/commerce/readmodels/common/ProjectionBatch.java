package com.allinone.commerce.readmodels.common;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * The read-model writes of one batch of events, sent as one ordered bulk write per collection when the batch ends
 * instead of one blocking round trip per event (issue 10: a rebuild ran at 55 events/s one document at a time).
 *
 * <p>It lives in the batch's unit of work, put there by {@link ProjectionBatchInterceptor}, which flushes it after the
 * batch's last event and before the unit of work commits, so a tracking token never moves past a write that is not
 * durable; a failed flush fails the batch, and the batch is redelivered whole (every projector is idempotent). An
 * event handled outside a processor batch (a dead letter being retried, a test calling a handler) gets a batch of its
 * own, flushed as soon as its handler returns.
 */
public final class ProjectionBatch {

    /** Bounds how long a projector thread waits on MongoDB before the batch fails and is retried. */
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final String RESOURCE = ProjectionBatch.class.getName();

    private final Set<String> documentIds;
    private final Map<String, CollectionWrites> collections = new LinkedHashMap<>();
    private final List<Runnable> afterFlush = new ArrayList<>();
    private final boolean eventByEvent;
    private boolean failed;

    private ProjectionBatch(Set<String> documentIds, boolean eventByEvent) {
        this.documentIds = documentIds;
        this.eventByEvent = eventByEvent;
    }

    /**
     * Opens the batch of a processor's unit of work (once, whichever of its events comes first). A batch holding a
     * flow whose writes were refused before is handled one event at a time.
     */
    static ProjectionBatch openIn(UnitOfWork<?> unitOfWork, Set<String> refusedFlows) {
        // The processor's own unit of work, not its root: a retried dead letter is handled in a unit of work nested in
        // one that spans the whole retried sequence, and each of its events must stand alone.
        return unitOfWork.getOrComputeResource(RESOURCE, key -> {
            Set<String> flows = flowsOf(unitOfWork);
            return new ProjectionBatch(flows, flows.stream().anyMatch(refusedFlows::contains));
        });
    }

    /** The processor batch the current event belongs to, or empty when it is handled on its own. */
    static Optional<ProjectionBatch> current() {
        return CurrentUnitOfWork.map(unitOfWork -> unitOfWork.<ProjectionBatch>getResource(RESOURCE))
                .filter(batch -> !batch.eventByEvent);
    }

    /** Runs an event's read-model work in its processor batch, or in a batch of its own that is flushed at once. */
    public static <T> T run(Function<ProjectionBatch, T> work) {
        return current().map(work).orElseGet(() -> {
            ProjectionBatch single = new ProjectionBatch(Set.of(), false);
            T result = work.apply(single);
            single.flush();
            return result;
        });
    }

    /**
     * Writes a whole document (replacing it, or inserting it if there is none) with the current batch's writes, or at
     * once outside a batch. For documents that are the same whenever their event is projected.
     */
    public static void replace(ReactiveMongoTemplate mongo, String collection, String id, Document document) {
        run(batch -> {
            batch.writesTo(mongo, collection).replace(id, document);
            return null;
        });
    }

    /**
     * Changes a document (creating it if there is none) with the current batch's writes, or at once outside a batch.
     * For changes that are idempotent by themselves, such as adding to a set a value that never changes.
     */
    public static void upsert(ReactiveMongoTemplate mongo, String collection, String id, Update change) {
        run(batch -> {
            batch.writesTo(mongo, collection).upsert(id, change);
            return null;
        });
    }

    /**
     * The documents this batch's events most likely address: the flows they belong to (an order's documents are
     * keyed by its orderId, which is the correlation id of every event of its flow; a product's by its SKU). A
     * projector loads all of them with its first read, one {@code _id $in} query instead of one read per event.
     */
    Set<String> documentIds() {
        return documentIds;
    }

    /** Whether this batch's events write one at a time, each inside its handler (see ProjectionBatchInterceptor). */
    boolean isEventByEvent() {
        return eventByEvent;
    }

    CollectionWrites writesTo(ReactiveMongoTemplate mongo, String collection) {
        return collections.computeIfAbsent(collection, name -> new CollectionWrites(mongo, name));
    }

    /** Runs once the batch's writes are durable (telling readers that a document changed). */
    void afterFlush(Runnable action) {
        afterFlush.add(action);
    }

    boolean hasWrites() {
        return collections.values().stream().anyMatch(writes -> !writes.writes.isEmpty());
    }

    /** An event of the batch failed: the batch will be rolled back and redelivered, so it must write nothing. */
    void fail() {
        failed = true;
    }

    /** Sends each collection's pending writes as one ordered bulk write, then runs the after-flush actions. */
    void flush() {
        if (failed) {
            return;
        }
        collections.values().forEach(CollectionWrites::flush);
        collections.clear();
        List<Runnable> actions = List.copyOf(afterFlush);
        afterFlush.clear();
        actions.forEach(Runnable::run);
    }

    private static Set<String> flowsOf(UnitOfWork<?> unitOfWork) {
        List<? extends Message<?>> messages = unitOfWork instanceof BatchingUnitOfWork<?> batch
                ? batch.getMessages() : Stream.ofNullable(unitOfWork.getMessage()).toList();
        Set<String> ids = new LinkedHashSet<>();
        for (Message<?> message : messages) {
            Object flow = message.getMetaData().get(FlowCorrelationDataProvider.CORRELATION_ID);
            if (flow != null) {
                ids.add(flow.toString());
            } else if (message instanceof DomainEventMessage<?> domain) {
                ids.add(domain.getAggregateIdentifier());
            }
        }
        return ids;
    }

    /**
     * One collection's part of the batch: the bulk write being built, in event order. Built from the driver's own
     * write models: Spring's bulk upsert is an update of many documents, which the embedded server applies twice to
     * the document it has just inserted (an {@code $inc} counted 2).
     */
    static final class CollectionWrites {

        private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
        private static final ReplaceOptions REPLACE_OR_INSERT = new ReplaceOptions().upsert(true);

        private final ReactiveMongoTemplate mongo;
        private final String collection;
        private final List<WriteModel<Document>> writes = new ArrayList<>();
        private final Map<String, AppliedSequences> documents = new HashMap<>();

        private CollectionWrites(ReactiveMongoTemplate mongo, String collection) {
            this.mongo = mongo;
            this.collection = collection;
        }

        /** Changes the document, creating it if there is none. */
        void upsert(String id, Update change) {
            writes.add(new UpdateOneModel<>(byId(id), change.getUpdateObject(), UPSERT));
        }

        /** Changes the document if it exists. */
        void update(String id, Update change) {
            writes.add(new UpdateOneModel<>(byId(id), change.getUpdateObject()));
        }

        /** Writes the whole document, whether or not there was one. */
        void replace(String id, Document document) {
            writes.add(new ReplaceOneModel<>(byId(id), document, REPLACE_OR_INSERT));
        }

        /** What the batch knows of each document it read or wrote: its sequences as they will be after the flush. */
        Map<String, AppliedSequences> documents() {
            return documents;
        }

        private static Bson byId(String id) {
            return Filters.eq("_id", id);
        }

        private void flush() {
            if (writes.isEmpty()) {
                return;
            }
            List<WriteModel<Document>> ordered = List.copyOf(writes);
            writes.clear();
            // Axon 4 event handlers are synchronous: the token may only move once the writes are durable. This runs
            // on a processor thread, never on an event loop, once per batch. Ordered: two writes to one document
            // apply in turn.
            mongo.getCollection(collection)
                    .flatMap(target -> Mono.from(target.bulkWrite(ordered, new BulkWriteOptions().ordered(true))))
                    .block(WRITE_TIMEOUT);
        }
    }
}

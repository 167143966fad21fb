package com.allinone.commerce.readmodels.common;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Documents fed by one or several aggregates (an order's document by its Order, Payment and Shipment), idempotent
 * without transactions (DESIGN §6): each document keeps, per source aggregate, the last sequence it applied in
 * {@code seq}, and an event whose sequence is not above it changes nothing, so a redelivered or replayed event is a
 * no-op.
 *
 * <p>Every read and write addresses documents by {@code _id} alone, which every engine serves from its primary index.
 * A guard folded into the update's filter ({@code _id} and {@code seq.<source> < n}) is one round trip on MongoDB,
 * but the embedded server cannot serve it from an index and scans the whole collection for every event: under a
 * flash sale the projections fell minutes behind, slower with every order. The guard is checked in code instead: a
 * batch of events reads the sequences of all the documents it addresses in one {@code _id $in} query, decides each
 * event against them, and writes its changes as one ordered bulk write of {@code _id} updates
 * ({@link ProjectionBatch}). That is safe because each document has a single writer: one projector per collection,
 * which sequences every event of an order flow on one segment (FlowSequencingPolicy), in order.
 */
public final class SourcedDocuments {

    private final ReactiveMongoTemplate mongo;
    private final String collection;
    private final List<String> sources;
    private final Consumer<String> changed;

    /**
     * @param changed told a document's id once a change to it is durable (after the batch's flush), at most once per
     *                event that changed it
     */
    public SourcedDocuments(ReactiveMongoTemplate mongo, String collection, List<String> sources,
                            Consumer<String> changed) {
        this.mongo = mongo;
        this.collection = collection;
        this.sources = List.copyOf(sources);
        this.changed = changed;
    }

    /** The flow's first event: creates the document (or completes one), every other source not yet applied. */
    public boolean start(String id, String source, long sequence, Update change) {
        return ProjectionBatch.run(batch -> {
            ProjectionBatch.CollectionWrites writes = batch.writesTo(mongo, collection);
            AppliedSequences applied = applied(batch, writes, id);
            if (applied.exists() && applied.of(source) >= sequence) {
                return false;
            }
            if (!applied.exists()) {
                sources.stream().filter(s -> !s.equals(source)).forEach(s -> change.set(seqField(s), -1L));
            }
            writes.upsert(id, change.set(seqField(source), sequence));
            return recorded(batch, writes, id, applied.with(source, sequence));
        });
    }

    /**
     * A later event of the flow. Answers whether it changes the document. A document that does not exist yet is an
     * error, never a silent skip: the flow's first event has not been projected, so this one is retried or parked.
     */
    public boolean apply(String id, String source, long sequence, Update change) {
        return ProjectionBatch.run(batch -> {
            ProjectionBatch.CollectionWrites writes = batch.writesTo(mongo, collection);
            AppliedSequences applied = applied(batch, writes, id);
            if (!applied.exists()) {
                throw new IllegalStateException(collection + " has no document " + id + " for " + source + " event "
                        + sequence + " (its flow's first event is not projected yet)");
            }
            if (applied.of(source) >= sequence) {
                return false;
            }
            writes.update(id, change.set(seqField(source), sequence));
            return recorded(batch, writes, id, applied.with(source, sequence));
        });
    }

    private boolean recorded(ProjectionBatch batch, ProjectionBatch.CollectionWrites writes, String id,
                             AppliedSequences next) {
        writes.documents().put(id, next);
        batch.afterFlush(() -> changed.accept(id));
        return true;
    }

    /** The document's sequences as the batch knows them, loading it (and the batch's other documents) if needed. */
    private AppliedSequences applied(ProjectionBatch batch, ProjectionBatch.CollectionWrites writes, String id) {
        Map<String, AppliedSequences> known = writes.documents();
        if (!known.containsKey(id)) {
            Set<String> ids = new LinkedHashSet<>(batch.documentIds());
            ids.add(id);
            ids.removeAll(known.keySet());
            Query query = Query.query(Criteria.where("_id").in(ids));
            query.fields().include("seq");
            // once per batch, on a processor thread, never on an event loop
            List<Document> found = mongo.find(query, Document.class, collection).collectList()
                    .block(ProjectionBatch.WRITE_TIMEOUT);
            ids.forEach(unread -> known.put(unread, AppliedSequences.none()));
            found.forEach(document -> known.put(document.getString("_id"), AppliedSequences.of(document)));
        }
        return known.get(id);
    }

    public static String seqField(String source) {
        return "seq." + source;
    }
}

package com.allinone.commerce.readmodels.common;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Documents fed by several aggregates (an order's document by its Order, Payment and Shipment), idempotent without
 * transactions (DESIGN §6): each document keeps, per source aggregate, the last sequence it applied in {@code seq}, and
 * an event whose sequence is not above it changes nothing, so a redelivered or replayed event is a no-op.
 *
 * <p>Every read and write addresses the document by {@code _id} alone, which every engine serves from its primary
 * index. A guard folded into the update's filter ({@code _id} and {@code seq.<source> < n}) is one round trip on
 * MongoDB, but the embedded server cannot serve it from an index and scans the whole collection for every event: under
 * a flash sale the projections fell minutes behind, slower with every order. The guard is checked in code instead,
 * between a read and a write by {@code _id}; that is safe because each document has a single writer: one projector
 * per collection, which sequences every event of an order flow on one thread (FlowSequencingPolicy), in order.
 */
public final class SourcedDocuments {

    /** Bounds how long a projector thread waits on MongoDB before the event fails (and is retried or parked). */
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private final String collection;
    private final List<String> sources;

    public SourcedDocuments(ReactiveMongoTemplate mongo, String collection, List<String> sources) {
        this.mongo = mongo;
        this.collection = collection;
        this.sources = List.copyOf(sources);
    }

    /** The flow's first event: creates the document, every other source not yet applied. */
    public boolean start(String id, String source, long sequence, Update change) {
        Optional<Long> applied = appliedSequence(id, source);
        if (applied.isPresent() && applied.get() >= sequence) {
            return false;
        }
        sources.stream().filter(s -> !s.equals(source)).forEach(s -> change.set(seqField(s), -1L));
        // Axon 4 event handlers are synchronous: the token may only move once the write is durable. This runs on a
        // processor thread, never on an event loop.
        mongo.upsert(byId(id), change.set(seqField(source), sequence), collection).block(WRITE_TIMEOUT);
        return true;
    }

    /**
     * A later event of the flow. Answers whether it changed the document. A document that does not exist yet is an
     * error, never a silent skip: the flow's first event has not been projected, so this one is retried or parked.
     */
    public boolean apply(String id, String source, long sequence, Update change) {
        Optional<Long> applied = appliedSequence(id, source);
        if (applied.isEmpty()) {
            throw new IllegalStateException(collection + " has no document " + id + " for " + source + " event "
                    + sequence + " (its flow's first event is not projected yet)");
        }
        if (applied.get() >= sequence) {
            return false;
        }
        mongo.updateFirst(byId(id), change.set(seqField(source), sequence), collection).block(WRITE_TIMEOUT);
        return true;
    }

    /** The last sequence of the source the document applied (-1 for none yet); empty when there is no document. */
    private Optional<Long> appliedSequence(String id, String source) {
        Query query = byId(id);
        query.fields().include("seq");
        return Optional.ofNullable(mongo.findOne(query, Document.class, collection).block(WRITE_TIMEOUT))
                .map(document -> {
                    Object seq = document.get("seq");
                    Object value = seq instanceof Document sequences ? sequences.get(source) : null;
                    return value instanceof Number number ? number.longValue() : -1L;
                });
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    public static String seqField(String source) {
        return "seq." + source;
    }
}

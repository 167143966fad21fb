package com.allinone.commerce.readmodels.common;

import java.time.Duration;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * Documents fed by several aggregates (an order's document by its Order, Payment and Shipment), idempotent without
 * transactions (DESIGN §6): each document keeps, per source aggregate, the last sequence it applied in {@code seq}, and
 * the guard ({@code seq.<source>} below the event's) and the change are one single-document update. A redelivered or
 * replayed event matches nothing and changes nothing.
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
        sources.stream().filter(s -> !s.equals(source)).forEach(s -> change.set(seqField(s), -1L));
        Mono<Boolean> write = mongo.upsert(unapplied(id, source, sequence), change.set(seqField(source), sequence),
                        collection)
                .map(result -> true)
                // The document exists and has seen this event: the upsert's insert collides on _id.
                .onErrorResume(DuplicateKeyException.class, alreadyApplied -> Mono.just(false));
        // Axon 4 event handlers are synchronous: the token may only move once the write is durable. This runs on a
        // processor thread, never on an event loop.
        return Boolean.TRUE.equals(write.block(WRITE_TIMEOUT));
    }

    /**
     * A later event of the flow. Answers whether it changed the document. A document that does not exist yet is an
     * error, never a silent skip: the flow's first event has not been projected, so this one is retried or parked.
     */
    public boolean apply(String id, String source, long sequence, Update change) {
        long matched = mongo.updateFirst(unapplied(id, source, sequence), change.set(seqField(source), sequence),
                collection).map(result -> result.getMatchedCount()).block(WRITE_TIMEOUT);
        if (matched > 0) {
            return true;
        }
        Boolean exists = mongo.exists(Query.query(Criteria.where("_id").is(id)), collection).block(WRITE_TIMEOUT);
        if (!Boolean.TRUE.equals(exists)) {
            throw new IllegalStateException(collection + " has no document " + id + " for " + source + " event "
                    + sequence + " (its flow's first event is not projected yet)");
        }
        return false;
    }

    private static Query unapplied(String id, String source, long sequence) {
        return Query.query(Criteria.where("_id").is(id).and(seqField(source)).lt(sequence));
    }

    public static String seqField(String source) {
        return "seq." + source;
    }
}

package com.allinone.commerce.readmodels.catalog;

import static com.allinone.commerce.readmodels.common.Documents.money;

import com.allinone.commerce.api.catalog.ProductCreated;
import com.allinone.commerce.api.catalog.ProductDiscontinued;
import com.allinone.commerce.api.catalog.ProductPriceChanged;
import java.time.Duration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * The storefront catalog document per SKU (DESIGN §6). Idempotent without transactions: the guard
 * ({@code lastSequence} below the event's) and the change are one single-document upsert, so a redelivered or
 * replayed event matches nothing; its insert then collides on {@code _id} and is ignored.
 */
@ProcessingGroup(CatalogProjector.PROCESSING_GROUP)
public class CatalogProjector {

    public static final String PROCESSING_GROUP = "catalog-projection";
    public static final String COLLECTION = "catalog";
    /** Bounds how long a projector thread waits on MongoDB before the batch fails and is retried. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;

    public CatalogProjector(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ProductCreated event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, new Update()
                .set("name", event.name())
                .set("description", event.description())
                .set("category", event.category())
                .set("price", money(event.price()))
                .set("discontinued", false));
    }

    @EventHandler
    void on(ProductPriceChanged event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, new Update()
                .set("price", money(event.price())));
    }

    @EventHandler
    void on(ProductDiscontinued event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, new Update().set("discontinued", true));
    }

    private void apply(String sku, long sequence, Update change) {
        Query unapplied = Query.query(Criteria.where("_id").is(sku).and("lastSequence").lt(sequence));
        Mono<?> write = mongo.upsert(unapplied, change.set("lastSequence", sequence), COLLECTION)
                .onErrorResume(DuplicateKeyException.class, alreadyApplied -> Mono.empty());
        // Axon 4 event handlers are synchronous: the token may only move once the write is durable. This runs on a
        // processor thread, never on the event loop.
        write.block(WRITE_TIMEOUT);
    }
}

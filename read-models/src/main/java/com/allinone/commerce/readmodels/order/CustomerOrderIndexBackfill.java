package com.allinone.commerce.readmodels.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Lists in the {@link CustomerOrderIndex} the orders a store projected before the index existed, once per store:
 * without it, an upgraded query node would show every customer an empty "my orders" list until the my-orders read
 * model is rebuilt. Runs on its own thread after start, reading {@code my_orders} once; the live projector keeps
 * adding new orders meanwhile, and adding an order twice changes nothing. Done once, it is marked done in
 * {@code read_model_migrations} (which a blue/green rebuild does not replace, and whose index is complete anyway).
 */
public class CustomerOrderIndexBackfill implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CustomerOrderIndexBackfill.class);
    static final String MIGRATIONS = "read_model_migrations";
    private static final String INDEX = CustomerOrderIndex.collectionOf(MyOrdersProjector.COLLECTION);
    private static final String DONE = INDEX + "-backfilled";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final int CHUNK = 500;

    private final ReactiveMongoTemplate mongo;
    private volatile Thread worker;

    public CustomerOrderIndexBackfill(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Lists every order document's order, unless done before; answers how many it read. */
    public long run() {
        if (Boolean.TRUE.equals(mongo.exists(byId(DONE), MIGRATIONS).block(TIMEOUT))) {
            return 0;
        }
        Query orders = new Query();
        orders.fields().include("customerId").include("placedAt");
        List<Document> chunk = new ArrayList<>(CHUNK);
        long read = 0;
        for (Document order : mongo.find(orders, Document.class, MyOrdersProjector.COLLECTION).toIterable()) {
            chunk.add(order);
            if (chunk.size() == CHUNK) {
                read += list(chunk);
                log.info("Listing earlier orders per customer: {} so far", read);
            }
        }
        read += list(chunk);
        mongo.upsert(byId(DONE), new Update().set("at", new Date()), MIGRATIONS).block(TIMEOUT);
        log.info("Listed the {} orders stored before the per-customer order index", read);
        return read;
    }

    private int list(List<Document> orders) {
        int listed = orders.size();
        if (listed == 0) {
            return 0;
        }
        // One ordered bulk write per chunk. Spring's bulk upsert may apply an update twice on the embedded server
        // (see ProjectionBatch); adding to a set twice changes nothing.
        ReactiveBulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, INDEX);
        orders.stream().filter(order -> order.getString("customerId") != null && order.getDate("placedAt") != null)
                .flatMap(order -> CustomerOrderIndex.changes(order.getString("customerId"), order.getString("_id"),
                        order.getDate("placedAt").toInstant()).stream())
                .forEach(change -> writes.upsert(byId(change.id()), change.update()));
        writes.execute().block(TIMEOUT);
        orders.clear();
        return listed;
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    @Override
    public void start() {
        Thread thread = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                log.error("Listing earlier orders per customer failed; it is tried again at the next start", e);
            }
        }, "customer-order-index-backfill");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        // Nothing to interrupt: a restart resumes from the beginning, and listing twice changes nothing.
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}

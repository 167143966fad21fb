package com.allinone.commerce.readmodels.admin;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.limit;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.project;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.unwind;

import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import com.allinone.commerce.readmodels.order.OrderChanges;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.DateOperators;
import org.springframework.data.mongodb.core.query.Criteria;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The dashboards' figures (DESIGN §6): orders per day and status, revenue per currency and the best-selling
 * products. They are derived from the per-order documents by aggregation, never incremented event by event, so a
 * replay or a redelivered event cannot count anything twice: the same orders always give the same figures. Recomputed
 * shortly after orders change (and at start), into one {@code admin_stats} document.
 */
public class AdminStatsRefresher implements SmartLifecycle {

    public static final String COLLECTION = "admin_stats";
    public static final String SUMMARY_ID = "summary";
    /** Statuses whose money was taken and kept. */
    static final List<String> SOLD = List.of("PAID", "CONFIRMED", "SHIPPED", "DELIVERED");
    private static final Logger log = LoggerFactory.getLogger(AdminStatsRefresher.class);
    private static final int TOP_PRODUCTS = 10;
    private static final long REST_PER_WORK = 20;

    private final ReactiveMongoTemplate mongo;
    private final OrderChanges changes;
    private final Duration interval;
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private Disposable running;

    public AdminStatsRefresher(ReactiveMongoTemplate mongo, OrderChanges changes, Duration interval) {
        this.mongo = mongo;
        this.changes = changes;
        this.interval = interval;
    }

    /** Asks for a refresh soon (the orders were replaced wholesale, by a rebuild). */
    public void markDirty() {
        dirty.set(true);
    }

    /** Recomputes the figures from {@code my_orders} and stores them. */
    public Mono<Document> refresh() {
        return Mono.zip(ordersPerDay(), revenue(), topProducts())
                .map(t -> new Document("_id", SUMMARY_ID)
                        .append("ordersPerDay", t.getT1())
                        .append("revenue", t.getT2())
                        .append("topProducts", t.getT3()))
                .flatMap(summary -> mongo.save(summary, COLLECTION));
    }

    private Mono<List<Document>> ordersPerDay() {
        Aggregation perDay = newAggregation(
                // Only order documents: a document without a day or status (a view a fault left half-made) would
                // otherwise fail the whole refresh.
                match(Criteria.where("placedAt").exists(true).and("status").exists(true)),
                project("status").and(DateOperators.dateOf("placedAt").toString("%Y-%m-%d")).as("day"),
                group("day", "status").count().as("orders"));
        return aggregate(perDay).map(d -> {
            Document key = (Document) d.get("_id");
            return new Document("day", key.get("day")).append("status", key.get("status"))
                    .append("orders", number(d, "orders"));
        }).sort(Comparator.<Document, String>comparing(d -> d.getString("day"))
                .thenComparing(d -> d.getString("status"))).collectList();
    }

    private Mono<List<Document>> revenue() {
        Aggregation revenue = newAggregation(
                match(Criteria.where("status").in(SOLD)),
                group("total.currency").sum("total.amount").as("amount").count().as("orders"));
        return aggregate(revenue).map(d -> new Document("currency", d.get("_id"))
                        .append("amount", number(d, "amount")).append("orders", number(d, "orders")))
                .sort(Comparator.comparing(d -> d.getString("currency"))).collectList();
    }

    private Mono<List<Document>> topProducts() {
        Aggregation top = newAggregation(
                match(Criteria.where("status").in(SOLD)),
                unwind("lines"),
                group("lines.sku").sum("lines.quantity").as("units"),
                sort(Sort.by(Sort.Order.desc("units"), Sort.Order.asc("_id"))),
                limit(TOP_PRODUCTS));
        return aggregate(top).map(d -> new Document("sku", d.get("_id")).append("units", number(d, "units")))
                .collectList();
    }

    private Flux<Document> aggregate(Aggregation aggregation) {
        return mongo.aggregate(aggregation, MyOrdersProjector.COLLECTION, Document.class);
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    /**
     * One refresh, then a rest {@value #REST_PER_WORK} times as long as it took. The aggregations scan every order
     * (on the embedded server, by deserializing each document, on a server thread that the projectors' writes on
     * the same connection then wait behind), so without the rest a busy shop with a large store would spend a CPU on
     * its dashboards, taking it from the orders. With it the refresher is busy at most a twenty-first of the time,
     * and the figures lag by about twenty of their own computation times (a few seconds at 10,000 orders here).
     * Figures maintained incrementally by the projector would not need the scan at all; they are not built yet.
     */
    private Mono<Void> pacedRefresh() {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return refresh()
                    .onErrorResume(e -> {
                        dirty.set(true);
                        log.warn("Admin stats not refreshed, will retry: {}", e.toString());
                        return Mono.empty();
                    })
                    .then(Mono.defer(() -> Mono.delay(Duration.ofNanos(
                            (System.nanoTime() - started) * REST_PER_WORK))))
                    .then();
        });
    }

    @Override
    public void start() {
        Disposable marking = changes.all().subscribe(orderId -> dirty.set(true));
        Disposable refreshing = Flux.interval(Duration.ZERO, interval)
                // A refresh slower than the interval skips ticks instead of failing the timer.
                .onBackpressureDrop()
                .filter(tick -> dirty.getAndSet(false))
                .concatMap(tick -> pacedRefresh())
                .subscribe(summary -> { }, e -> log.error("Admin stats refresher stopped", e));
        running = () -> {
            marking.dispose();
            refreshing.dispose();
        };
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}

package com.allinone.commerce.queryside.admin;

import com.allinone.commerce.api.common.InvalidValueException;
import com.allinone.commerce.queryside.catalog.AvailableStock;
import com.allinone.commerce.queryside.common.Page;
import com.allinone.commerce.queryside.common.Paging;
import com.allinone.commerce.readmodels.admin.AdminStatsRefresher;
import com.allinone.commerce.readmodels.order.SagaStatusProjector;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Operators' dashboards (DESIGN §7): sales figures with low-stock SKUs, and where each order flow stands. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
public class AdminQueryController {

    private static final int CATALOG_BATCH = 500;

    private final ReactiveMongoTemplate mongo;
    private final AvailableStock stock;

    public AdminQueryController(ReactiveMongoTemplate mongo, AvailableStock stock) {
        this.mongo = mongo;
        this.stock = stock;
    }

    /** Orders per day and status, revenue, top products (from {@code admin_stats}); SKUs below the threshold, live. */
    @GetMapping("/api/admin/stats")
    public Mono<Map<String, Object>> stats(@RequestParam(defaultValue = "5") int lowStockBelow) {
        Mono<Document> summary = mongo.findById(AdminStatsRefresher.SUMMARY_ID, Document.class,
                AdminStatsRefresher.COLLECTION).defaultIfEmpty(new Document());
        return Mono.zip(summary, lowStock(lowStockBelow)).map(t -> {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("ordersPerDay", t.getT1().getOrDefault("ordersPerDay", List.of()));
            stats.put("revenue", t.getT1().getOrDefault("revenue", List.of()));
            stats.put("topProducts", t.getT1().getOrDefault("topProducts", List.of()));
            stats.put("lowStock", t.getT2());
            return stats;
        });
    }

    /**
     * Order flows, the longest-waiting first: {@code active=true} (default) lists those still running, so a stuck
     * flow is at the top; {@code stuckFor=PT10M} keeps only those that have not moved for that long.
     */
    @GetMapping("/api/admin/sagas")
    public Mono<Page<Map<String, Object>>> sagas(@RequestParam(defaultValue = "true") boolean active,
                                                 @RequestParam(required = false) String stuckFor,
                                                 @RequestParam(required = false) String cursor,
                                                 @RequestParam(required = false) Integer limit) {
        int size = Paging.limit(limit);
        Query query = Query.query(Criteria.where("active").is(active))
                .with(Paging.byTimeThenId("updatedAt", false)).limit(size + 1);
        if (stuckFor != null) {
            query.addCriteria(Criteria.where("updatedAt").lt(Date.from(Instant.now().minus(duration(stuckFor)))));
        }
        if (cursor != null) {
            query.addCriteria(Paging.afterTimeCursor(cursor, "updatedAt", false));
        }
        return mongo.find(query, Document.class, SagaStatusProjector.COLLECTION)
                .map(AdminQueryController::flow)
                .collectList()
                .map(found -> Paging.page(found, size, last ->
                        Paging.timeCursor((Instant) last.get("updatedAt"), (String) last.get("orderId"))));
    }

    private Mono<List<Map<String, Object>>> lowStock(int below) {
        Query listed = Query.query(Criteria.where("discontinued").is(false)).with(Sort.by("_id"));
        return mongo.find(listed, Document.class, "catalog")
                .map(product -> product.getString("_id"))
                .buffer(CATALOG_BATCH)
                .concatMap(skus -> stock.of(skus).flatMapMany(available -> Flux.fromIterable(skus)
                        .filter(available::containsKey)
                        .filter(sku -> available.get(sku) < below)
                        .map(sku -> Map.<String, Object>of("sku", sku, "available", available.get(sku)))))
                .collectList();
    }

    private static Map<String, Object> flow(Document flow) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderId", flow.getString("_id"));
        view.put("step", flow.getString("step"));
        view.put("active", flow.getBoolean("active"));
        view.put("startedAt", flow.getDate("startedAt").toInstant());
        view.put("updatedAt", flow.getDate("updatedAt").toInstant());
        Document deadline = flow.get("nextDeadline", Document.class);
        view.put("nextDeadline", deadline == null ? null
                : Map.of("name", deadline.getString("name"), "at", deadline.getDate("at").toInstant()));
        return view;
    }

    /** Ten years: a flow stuck longer than that is any flow, and {@code now - stuckFor} stays a valid instant. */
    static final Duration MAX_STUCK_FOR = Duration.ofDays(3650);

    static Duration duration(String value) {
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("stuckFor", "must be an ISO-8601 duration such as PT10M");
        }
        if (duration.isNegative() || duration.compareTo(MAX_STUCK_FOR) > 0) {
            throw new InvalidValueException("stuckFor", "must be between PT0S and P3650D (ten years)");
        }
        return duration;
    }
}

package com.allinone.commerce.readmodels.common;

import com.allinone.commerce.readmodels.catalog.CatalogProjector;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import com.allinone.commerce.readmodels.order.SagaStatusProjector;
import com.allinone.commerce.readmodels.timeline.OrderTimelineProjector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One index for every query the read side runs, created at start-up (creating an existing index is a no-op), and on
 * a rebuild's shadow collection before it is switched in (a renamed collection keeps its indexes).
 */
public class ReadModelIndexes implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelIndexes.class);
    private static final Map<String, List<Index>> BY_COLLECTION = Map.of(
            // "my orders" lists come from the per-customer index by _id (CustomerOrderIndex), not from this collection
            MyOrdersProjector.COLLECTION, List.of(
                    // dashboards: orders by status and day
                    new Index().on("status", Sort.Direction.ASC).on("placedAt", Sort.Direction.DESC)
                            .named("status_day")),
            CatalogProjector.COLLECTION, List.of(
                    // catalog by category, sorted by SKU
                    new Index().on("category", Sort.Direction.ASC).on("_id", Sort.Direction.ASC)
                            .named("category_sku"),
                    // dashboards: listed products, by SKU (low stock)
                    new Index().on("discontinued", Sort.Direction.ASC).on("_id", Sort.Direction.ASC)
                            .named("listed_sku")),
            SagaStatusProjector.COLLECTION, List.of(
                    // admin: flows still active, the longest-waiting first
                    new Index().on("active", Sort.Direction.ASC).on("updatedAt", Sort.Direction.ASC)
                            .on("_id", Sort.Direction.ASC).named("active_oldest_first")),
            OrderTimelineProjector.COLLECTION, List.of(
                    // auditors: an order's timeline in order
                    new Index().on("orderId", Sort.Direction.ASC).on("at", Sort.Direction.ASC)
                            .on("_id", Sort.Direction.ASC).named("order_in_order")));

    private final ReactiveMongoTemplate mongo;

    public ReadModelIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Flux.fromIterable(BY_COLLECTION.keySet()).concatMap(collection -> ensure(collection, collection))
                .then().block(Duration.ofSeconds(60));
        log.info("Read model indexes in place");
    }

    /** Creates the indexes of the live collection {@code of} on {@code collection} (itself, or its shadow). */
    public Mono<Void> ensure(String collection, String of) {
        return Flux.fromIterable(BY_COLLECTION.getOrDefault(of, List.of()))
                .concatMap(index -> mongo.indexOps(collection).ensureIndex(index))
                .then();
    }
}

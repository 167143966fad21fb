package com.allinone.commerce.readmodels.common;

import com.allinone.commerce.readmodels.catalog.CatalogProjector;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import com.allinone.commerce.readmodels.order.SagaStatusProjector;
import com.allinone.commerce.readmodels.timeline.OrderTimelineProjector;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;

/** One index for every query the read side runs, created at start-up (creating an existing index is a no-op). */
public class ReadModelIndexes implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelIndexes.class);

    private final ReactiveMongoTemplate mongo;

    public ReadModelIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Flux.concat(
                // "my orders", newest first, keyset (placedAt desc, orderId)
                mongo.indexOps(MyOrdersProjector.COLLECTION).ensureIndex(new Index()
                        .on("customerId", Sort.Direction.ASC).on("placedAt", Sort.Direction.DESC)
                        .on("_id", Sort.Direction.ASC).named("customer_newest_first")),
                // dashboards: orders by status and day
                mongo.indexOps(MyOrdersProjector.COLLECTION).ensureIndex(new Index()
                        .on("status", Sort.Direction.ASC).on("placedAt", Sort.Direction.DESC).named("status_day")),
                // catalog by category, sorted by SKU
                mongo.indexOps(CatalogProjector.COLLECTION).ensureIndex(new Index()
                        .on("category", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("category_sku")),
                // dashboards: listed products, by SKU (low stock)
                mongo.indexOps(CatalogProjector.COLLECTION).ensureIndex(new Index()
                        .on("discontinued", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("listed_sku")),
                // admin: flows still active, the longest-waiting first
                mongo.indexOps(SagaStatusProjector.COLLECTION).ensureIndex(new Index()
                        .on("active", Sort.Direction.ASC).on("updatedAt", Sort.Direction.ASC)
                        .on("_id", Sort.Direction.ASC).named("active_oldest_first")),
                // auditors: an order's timeline in order
                mongo.indexOps(OrderTimelineProjector.COLLECTION).ensureIndex(new Index()
                        .on("orderId", Sort.Direction.ASC).on("at", Sort.Direction.ASC)
                        .on("_id", Sort.Direction.ASC).named("order_in_order")))
                .then().block(Duration.ofSeconds(60));
        log.info("Read model indexes in place");
    }
}

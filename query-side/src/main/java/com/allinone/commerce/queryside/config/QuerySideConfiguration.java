package com.allinone.commerce.queryside.config;

import com.allinone.commerce.axonconfig.processing.QueryNodeProcessingGroups;
import com.allinone.commerce.axonconfig.redis.RedisEndpoint;
import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import com.allinone.commerce.queryside.admin.AdminQueryController;
import com.allinone.commerce.queryside.admin.DeadLetterController;
import com.allinone.commerce.queryside.admin.ProjectionRebuildController;
import com.allinone.commerce.queryside.audit.AggregateHistoryController;
import com.allinone.commerce.queryside.audit.EventHistory;
import com.allinone.commerce.queryside.audit.OrderTimeline;
import com.allinone.commerce.queryside.audit.OrderTimelineController;
import com.allinone.commerce.queryside.audit.ReadModelReconciliationController;
import com.allinone.commerce.queryside.catalog.AvailableStock;
import com.allinone.commerce.queryside.catalog.CatalogCache;
import com.allinone.commerce.queryside.catalog.CatalogQueryController;
import com.allinone.commerce.queryside.order.CustomerOrders;
import com.allinone.commerce.queryside.order.MyOrdersController;
import com.allinone.commerce.queryside.order.OrderReader;
import com.allinone.commerce.readmodels.catalog.CatalogChanges;
import com.allinone.commerce.readmodels.catalog.CatalogProjector;
import com.allinone.commerce.readmodels.config.ReadModelsConfiguration;
import com.allinone.commerce.readmodels.order.OrderChanges;
import com.allinone.commerce.readmodels.rebuild.ProjectionRebuilds;
import com.allinone.commerce.readmodels.verify.ReadModelTarget;
import com.allinone.commerce.readmodels.verify.ReadModelVerifier;
import java.time.Duration;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.scheduler.Schedulers;

/**
 * The query API as a library (DESIGN §1): the query node and standalone assemble it by auto-configuration. Every read
 * is non-blocking against MongoDB and Redis; only the dead-letter queues (Axon's synchronous API) run on a bounded
 * worker pool, and the auditors' reads of the event store on threads of their own that nobody interrupts.
 */
@AutoConfiguration(after = ReadModelsConfiguration.class)
public class QuerySideConfiguration {

    /** Without {@code SPRING_DATA_REDIS_URL} the catalog is still served, with availability unknown. */
    @Bean(destroyMethod = "close")
    public AvailableStock availableStock(ObjectProvider<RedisEndpoint> redis,
                                         @Value("${commerce.query.redis-timeout:1s}") Duration timeout) {
        RedisEndpoint endpoint = redis.getIfAvailable();
        return new AvailableStock(endpoint == null ? null : endpoint.url(), timeout);
    }

    @Bean
    public OrderReader orderReader(ReactiveMongoTemplate mongo, OrderChanges orderChanges,
                                   @Value("${commerce.query.poll-interval:500ms}") Duration poll) {
        return new OrderReader(mongo, orderChanges, poll);
    }

    /**
     * Dropped entries are told by this node's catalog projector; entries another node's projector changed expire
     * {@code ttl} after they were read (README, "Catalog cache").
     */
    @Bean
    public CatalogCache catalogCache(ReactiveMongoTemplate mongo, CatalogChanges catalogChanges,
                                     @Value("${commerce.query.catalog-cache-size:10000}") int size,
                                     @Value("${commerce.query.catalog-cache-ttl:500ms}") Duration ttl) {
        CatalogCache cache = new CatalogCache(mongo, CatalogProjector.COLLECTION, size, ttl);
        catalogChanges.subscribe(cache::changed);
        return cache;
    }

    @Bean
    public CatalogQueryController catalogQueryController(CatalogCache catalogCache, AvailableStock availableStock) {
        return new CatalogQueryController(catalogCache, availableStock);
    }

    @Bean
    public MyOrdersController myOrdersController(ReactiveMongoTemplate mongo, OrderReader orderReader,
                                                 @Value("${commerce.query.read-your-writes-wait:3s}")
                                                 Duration readYourWritesWait) {
        return new MyOrdersController(new CustomerOrders(mongo), orderReader, readYourWritesWait);
    }

    @Bean
    public AdminQueryController adminQueryController(ReactiveMongoTemplate mongo, AvailableStock availableStock) {
        return new AdminQueryController(mongo, availableStock);
    }

    @Bean
    public ProjectionRebuildController projectionRebuildController(ProjectionRebuilds rebuilds) {
        return new ProjectionRebuildController(rebuilds);
    }

    @Bean
    public DeadLetterController deadLetterController(EventProcessingConfiguration processing,
                                                     List<QueryNodeProcessingGroups> groups) {
        return new DeadLetterController(processing, groups, Schedulers.boundedElastic());
    }

    /** Auditors' reads of the event store (history, timelines), on threads of their own that nobody interrupts. */
    @Bean(destroyMethod = "close")
    public EventHistory eventHistory(EventStore eventStore,
                                     @Value("${commerce.audit.read-threads:4}") int threads) {
        return new EventHistory(eventStore, UninterruptibleWork.pool("audit-reads", threads));
    }

    @Bean
    public AggregateHistoryController aggregateHistoryController(EventHistory eventHistory,
                                                                 @Qualifier("eventSerializer") Serializer events) {
        return new AggregateHistoryController(eventHistory, events);
    }

    @Bean
    public OrderTimelineController orderTimelineController(EventHistory eventHistory) {
        return new OrderTimelineController(new OrderTimeline(eventHistory));
    }

    @Bean
    public ReadModelReconciliationController readModelReconciliationController(ReadModelVerifier readModelVerifier,
                                                                               ReadModelTarget liveReadModels) {
        return new ReadModelReconciliationController(readModelVerifier, liveReadModels);
    }
}

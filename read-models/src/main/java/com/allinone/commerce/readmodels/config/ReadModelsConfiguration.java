package com.allinone.commerce.readmodels.config;

import com.allinone.commerce.axonconfig.processing.QueryNodeProcessingGroups;
import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import com.allinone.commerce.readmodels.admin.AdminStatsRefresher;
import com.allinone.commerce.readmodels.catalog.CatalogProjector;
import com.allinone.commerce.readmodels.common.ProjectionBatchInterceptor;
import com.allinone.commerce.readmodels.common.ReadModelIndexes;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import com.allinone.commerce.readmodels.order.OrderChanges;
import com.allinone.commerce.readmodels.order.SagaStatusProjector;
import com.allinone.commerce.readmodels.timeline.OrderTimelineProjector;
import com.allinone.commerce.readmodels.verify.ReadModelTarget;
import com.allinone.commerce.readmodels.verify.ReadModelVerifier;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoReactiveDataAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** The projectors of the query node, each on its MongoDB token store and dead-letter queue (DESIGN §2, §6). */
@AutoConfiguration(after = MongoReactiveDataAutoConfiguration.class)
public class ReadModelsConfiguration {

    @Bean
    public QueryNodeProcessingGroups readModelProcessingGroups() {
        return QueryNodeProcessingGroups.of(CatalogProjector.PROCESSING_GROUP, MyOrdersProjector.PROCESSING_GROUP,
                SagaStatusProjector.PROCESSING_GROUP, OrderTimelineProjector.PROCESSING_GROUP);
    }

    /** Every projector writes a batch of events as one bulk write per collection (ProjectionBatch). */
    @Bean
    public ConfigurerModule projectionBatches(QueryNodeProcessingGroups readModelProcessingGroups) {
        ProjectionBatchInterceptor interceptor = new ProjectionBatchInterceptor();
        return configurer -> readModelProcessingGroups.names().forEach(group ->
                configurer.eventProcessing().registerHandlerInterceptor(group, c -> interceptor));
    }

    @Bean
    public ReadModelIndexes readModelIndexes(ReactiveMongoTemplate mongo) {
        return new ReadModelIndexes(mongo);
    }

    @Bean
    public CatalogProjector catalogProjector(ReactiveMongoTemplate mongo) {
        return new CatalogProjector(mongo);
    }

    @Bean
    public OrderChanges orderChanges() {
        return new OrderChanges();
    }

    @Bean
    public MyOrdersProjector myOrdersProjector(ReactiveMongoTemplate mongo, OrderChanges orderChanges) {
        return new MyOrdersProjector(mongo, orderChanges);
    }

    /** The payment deadline the command node's saga uses, to show when a waiting flow will give up. */
    @Bean
    public SagaStatusProjector sagaStatusProjector(ReactiveMongoTemplate mongo,
                                                   @Value("${commerce.fulfillment.payment-timeout:2m}")
                                                   Duration paymentTimeout) {
        return new SagaStatusProjector(mongo, paymentTimeout);
    }

    @Bean
    public OrderTimelineProjector orderTimelineProjector(ReactiveMongoTemplate mongo, ObjectMapper objectMapper) {
        return new OrderTimelineProjector(mongo, objectMapper);
    }

    @Bean
    public AdminStatsRefresher adminStatsRefresher(ReactiveMongoTemplate mongo, OrderChanges orderChanges,
                                                   @Value("${commerce.admin-stats.refresh-interval:2s}")
                                                   Duration interval) {
        return new AdminStatsRefresher(mongo, orderChanges, interval);
    }

    /**
     * Proves read models against the event store (issue 10). One worker thread that nothing interrupts: the fold reads
     * the event store over JDBC, and one check at a time keeps at most one fold in memory.
     */
    @Bean
    public ReadModelVerifier readModelVerifier(EventStore eventStore, ReactiveMongoTemplate mongo) {
        return new ReadModelVerifier(eventStore, mongo,
                UninterruptibleWork.scheduler(UninterruptibleWork.pool("read-model-verifier", 1)), Clock.systemUTC());
    }

    /** The read models the storefront and the dashboards serve, as the verifier checks them. */
    @Bean
    public ReadModelTarget liveReadModels(EventProcessingConfiguration eventProcessing,
                                          AdminStatsRefresher adminStatsRefresher) {
        return ReadModelTarget.live(eventProcessing, adminStatsRefresher);
    }
}

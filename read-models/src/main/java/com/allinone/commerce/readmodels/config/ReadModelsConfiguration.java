package com.allinone.commerce.readmodels.config;

import com.allinone.commerce.axonconfig.processing.QueryNodeProcessingGroups;
import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import com.allinone.commerce.readmodels.admin.AdminStatsRefresher;
import com.allinone.commerce.readmodels.catalog.CatalogChanges;
import com.allinone.commerce.readmodels.catalog.CatalogProjector;
import com.allinone.commerce.readmodels.common.ProjectionBatchInterceptor;
import com.allinone.commerce.readmodels.common.ReadModelIndexes;
import com.allinone.commerce.readmodels.order.CustomerOrderIndex;
import com.allinone.commerce.readmodels.order.CustomerOrderIndexBackfill;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import com.allinone.commerce.readmodels.order.OrderChanges;
import com.allinone.commerce.readmodels.order.SagaStatusProjector;
import com.allinone.commerce.readmodels.rebuild.ProjectionRebuilds;
import com.allinone.commerce.readmodels.rebuild.RebuildableReadModel;
import com.allinone.commerce.readmodels.rebuild.ShadowCheck;
import com.allinone.commerce.readmodels.rebuild.SwitchBarrier;
import com.allinone.commerce.readmodels.timeline.OrderTimelineProjector;
import com.allinone.commerce.readmodels.verify.ReadModelReport;
import com.allinone.commerce.readmodels.verify.ReadModelTarget;
import com.allinone.commerce.readmodels.verify.ReadModelVerifier;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

    private static final Duration VERIFY_TIMEOUT = Duration.ofMinutes(30);

    @Bean
    public QueryNodeProcessingGroups readModelProcessingGroups() {
        return QueryNodeProcessingGroups.of(CatalogProjector.PROCESSING_GROUP, MyOrdersProjector.PROCESSING_GROUP,
                SagaStatusProjector.PROCESSING_GROUP, OrderTimelineProjector.PROCESSING_GROUP);
    }

    @Bean
    public SwitchBarrier projectionSwitchBarrier(ReactiveMongoTemplate mongo) {
        return new SwitchBarrier(mongo);
    }

    /**
     * Every projector writes a batch of events as one bulk write per collection (ProjectionBatch), unless its read
     * model is being switched to a rebuilt one.
     */
    @Bean
    public ConfigurerModule projectionBatches(QueryNodeProcessingGroups readModelProcessingGroups,
                                              SwitchBarrier barrier) {
        return configurer -> readModelProcessingGroups.names().forEach(group -> {
            ProjectionBatchInterceptor interceptor = new ProjectionBatchInterceptor(() -> barrier.assertOpen(group));
            configurer.eventProcessing().registerHandlerInterceptor(group, c -> interceptor);
        });
    }

    /** The read models an operator can rebuild blue/green, each checked before it is switched in. */
    @Bean
    public ProjectionRebuilds projectionRebuilds(ReactiveMongoTemplate mongo, EventStore eventStore,
                                                 ReadModelIndexes indexes, SwitchBarrier barrier,
                                                 ObjectMapper objectMapper, AdminStatsRefresher adminStats,
                                                 ReadModelVerifier verifier,
                                                 @Value("${commerce.fulfillment.payment-timeout:2m}")
                                                 Duration paymentTimeout) {
        ShadowCheck noFurtherCheck = ShadowCheck.passes();
        List<RebuildableReadModel> models = List.of(
                new RebuildableReadModel("my-orders", MyOrdersProjector.PROCESSING_GROUP, MyOrdersProjector.COLLECTION,
                        List.of(CustomerOrderIndex.SUFFIX),
                        shadow -> new MyOrdersProjector(mongo, shadow, new OrderChanges()),
                        provenAgainstTheEventStore(verifier)),
                new RebuildableReadModel("saga-status", SagaStatusProjector.PROCESSING_GROUP,
                        SagaStatusProjector.COLLECTION,
                        shadow -> new SagaStatusProjector(mongo, shadow, paymentTimeout), noFurtherCheck),
                new RebuildableReadModel("order-timeline", OrderTimelineProjector.PROCESSING_GROUP,
                        OrderTimelineProjector.COLLECTION,
                        shadow -> new OrderTimelineProjector(mongo, shadow, objectMapper), noFurtherCheck),
                new RebuildableReadModel("catalog", CatalogProjector.PROCESSING_GROUP, CatalogProjector.COLLECTION,
                        shadow -> new CatalogProjector(mongo, shadow, new CatalogChanges()), noFurtherCheck));
        return new ProjectionRebuilds(models, eventStore, mongo, indexes, barrier, adminStats::markDirty);
    }

    @Bean
    public ReadModelIndexes readModelIndexes(ReactiveMongoTemplate mongo) {
        return new ReadModelIndexes(mongo);
    }

    @Bean
    public CatalogChanges catalogChanges() {
        return new CatalogChanges();
    }

    @Bean
    public CatalogProjector catalogProjector(ReactiveMongoTemplate mongo, CatalogChanges catalogChanges) {
        return new CatalogProjector(mongo, catalogChanges);
    }

    @Bean
    public OrderChanges orderChanges() {
        return new OrderChanges();
    }

    @Bean
    public MyOrdersProjector myOrdersProjector(ReactiveMongoTemplate mongo, OrderChanges orderChanges) {
        return new MyOrdersProjector(mongo, orderChanges);
    }

    /** Lists in the per-customer order index the orders a store projected before the index existed (once). */
    @Bean
    public CustomerOrderIndexBackfill customerOrderIndexBackfill(ReactiveMongoTemplate mongo) {
        return new CustomerOrderIndexBackfill(mongo);
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

    /**
     * A rebuilt {@code my_orders} must agree with a fresh fold of the event store (the read-model reconciliation, on
     * the shadow): no mismatch, nothing missing or extra. Orders placed after the shadow's position are lagging, which
     * the final catch-up before the switch takes care of.
     */
    private static ShadowCheck provenAgainstTheEventStore(ReadModelVerifier verifier) {
        return (model, reached) -> {
            ReadModelReport report = verifier.verify(ReadModelTarget.shadow(model.shadowCollection(),
                    () -> Optional.ofNullable(reached))).block(VERIFY_TIMEOUT);
            return new ShadowCheck.Verdict(report.consistent(), String.format(
                    "%s against a fold of %,d events: %,d mismatches, %,d missing, %,d extra, %,d lagging",
                    report.consistent() ? "agrees" : "disagrees", report.eventsRead(), report.mismatchCount(),
                    report.missing().count(), report.extra().count(), report.lagging().count()), report);
        };
    }

    /** The read models the storefront and the dashboards serve, as the verifier checks them. */
    @Bean
    public ReadModelTarget liveReadModels(EventProcessingConfiguration eventProcessing,
                                          AdminStatsRefresher adminStatsRefresher) {
        return ReadModelTarget.live(eventProcessing, adminStatsRefresher);
    }
}

package com.allinone.commerce.commandside.config;

import com.allinone.commerce.api.inventory.StockDoor;
import com.allinone.commerce.api.inventory.StockWithdrawals;
import com.allinone.commerce.axonconfig.caching.CaffeineAxonCache;
import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import com.allinone.commerce.commandside.audit.AggregateStateController;
import com.allinone.commerce.commandside.audit.PastStates;
import com.allinone.commerce.commandside.catalog.CatalogLookup;
import com.allinone.commerce.commandside.catalog.CatalogLookupProjector;
import com.allinone.commerce.commandside.catalog.ImmediateCatalogLookupProjector;
import com.allinone.commerce.commandside.common.RejectionTranslator;
import com.allinone.commerce.commandside.inventory.Inventory;
import com.allinone.commerce.commandside.inventory.StockAdjustment;
import com.allinone.commerce.commandside.order.Order;
import com.allinone.commerce.commandside.order.OrderOutcomeMeters;
import com.allinone.commerce.commandside.order.OrderPlacement;
import com.allinone.commerce.commandside.order.OrderRateLimit;
import com.allinone.commerce.commandside.web.CommandSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The command node as a library (DESIGN §1): aggregates, the catalog lookup, command handlers and the command HTTP
 * API. Both the command-side app and standalone assemble it through auto-configuration; the sagas module plugs in
 * the same way, so nothing here imports a saga class.
 */
@AutoConfiguration
@ComponentScan(basePackages = {
        "com.allinone.commerce.commandside.catalog",
        "com.allinone.commerce.commandside.inventory",
        "com.allinone.commerce.commandside.order",
        "com.allinone.commerce.commandside.payment",
        "com.allinone.commerce.commandside.shipping"},
        useDefaultFilters = false,
        includeFilters = {
                @ComponentScan.Filter(org.axonframework.spring.stereotype.Aggregate.class),
                @ComponentScan.Filter(org.springframework.web.bind.annotation.RestController.class)})
public class CommandNodeConfiguration {

    @Bean
    public CatalogLookup catalogLookup(NamedParameterJdbcTemplate jdbc) {
        return new CatalogLookup(jdbc);
    }

    @Bean
    public CatalogLookupProjector catalogLookupProjector(NamedParameterJdbcTemplate jdbc) {
        return new CatalogLookupProjector(jdbc);
    }

    @Bean
    public ImmediateCatalogLookupProjector immediateCatalogLookupProjector(NamedParameterJdbcTemplate jdbc) {
        return new ImmediateCatalogLookupProjector(jdbc);
    }

    @Bean
    public ConfigurerModule catalogLookupProcessors() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(ImmediateCatalogLookupProjector.PROCESSING_GROUP);
    }

    @Bean
    public OrderOutcomeMeters orderOutcomeMeters(MeterRegistry meterRegistry) {
        return new OrderOutcomeMeters(meterRegistry);
    }

    /**
     * Order outcomes are counted as this node appends them (see OrderOutcomeMeters: never again on a replay), and a
     * meter never fails a command: its errors are logged, not propagated into the appending unit of work.
     */
    @Bean
    public ConfigurerModule orderOutcomeMetersProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(OrderOutcomeMeters.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(OrderOutcomeMeters.PROCESSING_GROUP,
                        c -> new LoggingErrorHandler());
    }

    /**
     * The aggregates the command node has just worked with, so the next command of a flow (an order gets five or
     * six within seconds) does not read and fold its events again. Axon evicts an entry whose unit of work rolls
     * back. Safe because every command of one aggregate reaches this node: there is one command node on JDBC, and
     * Axon Server routes an aggregate's commands to one node consistently.
     */
    @Bean
    public Cache aggregateCache(@Value("${commerce.command.aggregate-cache-size:20000}") long size) {
        return new CaffeineAxonCache(size);
    }

    /** Per customer, shared by every command node through Redis (README: order rate limit). */
    @Bean
    public OrderRateLimit orderRateLimit(LazyRedisConnection stockRedis,
                                         @Value("${commerce.orders.rate-limit.burst:30}") int burst,
                                         @Value("${commerce.orders.rate-limit.per-second:10}") int perSecond,
                                         @Value("${commerce.orders.rate-limit.timeout:1s}") Duration timeout) {
        return new OrderRateLimit(stockRedis, new OrderRateLimit.Settings(burst, perSecond, timeout));
    }

    @Bean
    public OrderPlacement orderPlacement(Repository<Order> orderRepository, CatalogLookup catalogLookup,
                                         StockDoor stockDoor) {
        return new OrderPlacement(orderRepository, catalogLookup, stockDoor);
    }

    @Bean
    public StockAdjustment stockAdjustment(Repository<Inventory> inventoryRepository,
                                           StockWithdrawals stockWithdrawals) {
        return new StockAdjustment(inventoryRepository, stockWithdrawals);
    }

    /** Fewer dispatch threads than the node's SQL connections (40), which the saga and its participants share. */
    @Bean(destroyMethod = "close")
    public CommandSender commandSender(CommandBus commandBus,
                                       @Value("${commerce.command.dispatch-threads:16}") int threads) {
        return new CommandSender(commandBus, UninterruptibleWork.pool("command-dispatch", threads));
    }

    @Bean
    public RejectionTranslator rejectionTranslator() {
        return new RejectionTranslator();
    }

    /** Product and Inventory both snapshot every N events; the definition is stateless, so they share it. */
    @Bean
    public SnapshotTriggerDefinition snapshotEveryNEvents(
            Snapshotter snapshotter, @Value("${commerce.snapshot.threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Auditors' past states, folded by the aggregates' own rules: here because only the command node has the
     * aggregate classes. A pool of their own, so a long fold never holds up a command.
     */
    @Bean(destroyMethod = "close")
    public PastStates pastStates(EventStore eventStore, Configuration axonConfiguration,
                                 @Value("${commerce.audit.read-threads:4}") int threads) {
        return new PastStates(eventStore, axonConfiguration, UninterruptibleWork.pool("audit-folds", threads));
    }

    @Bean
    public AggregateStateController aggregateStateController(PastStates pastStates) {
        return new AggregateStateController(pastStates);
    }
}

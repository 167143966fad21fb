package com.allinone.commerce.sagas.config;

import com.allinone.commerce.api.inventory.StockDoor;
import com.allinone.commerce.api.inventory.StockWithdrawals;
import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import com.allinone.commerce.axonconfig.redis.RedisEndpoint;
import com.allinone.commerce.axonconfig.metrics.SampledGauges;
import com.allinone.commerce.sagas.common.GatewayResilience;
import com.allinone.commerce.sagas.common.GatewaySettings;
import com.allinone.commerce.sagas.common.ResilientCall;
import com.allinone.commerce.sagas.common.SagaCommands;
import com.allinone.commerce.sagas.inventory.ReconciliationController;
import com.allinone.commerce.sagas.inventory.RedisStockDoor;
import com.allinone.commerce.sagas.inventory.RedisStockWithdrawals;
import com.allinone.commerce.sagas.inventory.StockParticipant;
import com.allinone.commerce.sagas.inventory.StockGate;
import com.allinone.commerce.sagas.inventory.StockHistory;
import com.allinone.commerce.sagas.inventory.StockLedgerKeeper;
import com.allinone.commerce.sagas.inventory.StockLedgerProjector;
import com.allinone.commerce.sagas.inventory.StockReconciler;
import com.allinone.commerce.sagas.inventory.StockReservationMeter;
import com.allinone.commerce.sagas.inventory.StockSettings;
import com.allinone.commerce.sagas.order.FlowStepTimer;
import com.allinone.commerce.sagas.order.FlowsInProgress;
import com.allinone.commerce.sagas.order.FulfillmentSettings;
import com.allinone.commerce.sagas.order.OrderFulfillmentSaga;
import com.allinone.commerce.sagas.payment.PaymentGateway;
import com.allinone.commerce.sagas.payment.PaymentRelay;
import com.allinone.commerce.sagas.payment.PaymentSimulatorSettings;
import com.allinone.commerce.sagas.payment.ResilientPaymentGateway;
import com.allinone.commerce.sagas.payment.SimulatedPaymentGateway;
import com.allinone.commerce.sagas.shipping.CarrierRelay;
import com.allinone.commerce.sagas.shipping.CarrierSimulatorSettings;
import com.allinone.commerce.sagas.shipping.ResilientCarrier;
import com.allinone.commerce.sagas.shipping.ShipmentCarrier;
import com.allinone.commerce.sagas.shipping.SimulatedCarrier;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.ObjectProvider;
import com.allinone.commerce.axonconfig.caching.CaffeineAxonCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfiguration;
import com.allinone.commerce.sagas.order.FlowBacklog;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.jdbc.core.JdbcTemplate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;

/**
 * The order flow as a library of the command node (DESIGN §1): the saga, the Redis stock gate with its ledger, and
 * the simulated payment provider and carrier behind their ports. The command node picks it up by auto-configuration;
 * nothing in command-side imports it.
 */
// Before Axon's JDBC auto-configuration, so that the order flow's saga store below is the node's only SagaStore.
@AutoConfiguration(before = JdbcAutoConfiguration.class)
@EnableConfigurationProperties({StockSettings.class, FulfillmentSettings.class, GatewaySettings.class,
        PaymentSimulatorSettings.class, CarrierSimulatorSettings.class})
@ComponentScan(basePackageClasses = OrderFulfillmentSaga.class, useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(Saga.class))
public class SagasConfiguration {

    /** Axon's name for the saga's processing group. */
    public static final String SAGA_PROCESSOR = "OrderFulfillmentSagaProcessor";

    /**
     * The saga instances in SQL (JDBC, with the step's token and deadlines in one transaction), behind a write-through
     * cache: every event of a flow otherwise looks its saga up by association and reads and deserializes it again,
     * a fifth of the flow's CPU when measured under load. Every write still goes to SQL at once, so a restart or
     * crash loses nothing. Safe because the command node is the only one that runs the sagas (DESIGN §2), and
     * within it the pooled processor gives each saga to one segment thread at a time.
     */
    @Bean
    public SagaStore<Object> sagaStore(ConnectionProvider connectionProvider, Serializer serializer,
                                       FulfillmentSettings settings) {
        JdbcSagaStore sql = JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new GenericSagaSqlSchema())
                .serializer(serializer)
                .build();
        return CachingSagaStore.builder()
                .delegateSagaStore(sql)
                .sagaCache(new CaffeineAxonCache(settings.cachedSagas()))
                .associationsCache(new CaffeineAxonCache(settings.cachedSagas()))
                .build();
    }

    @Bean(destroyMethod = "close")
    public LazyRedisConnection stockRedis(ObjectProvider<RedisEndpoint> endpoint, StockSettings settings) {
        RedisEndpoint redis = endpoint.getIfAvailable(() -> {
            throw new IllegalStateException("The stock gate needs Redis: set SPRING_DATA_REDIS_URL "
                    + "(e.g. redis://localhost:6379); only standalone starts an embedded one");
        });
        return new LazyRedisConnection(redis.url(), settings.callTimeout());
    }

    @Bean
    public StockGate stockGate(LazyRedisConnection stockRedis, StockSettings settings, MeterRegistry meterRegistry) {
        return new StockGate(stockRedis, Clock.systemUTC(), settings.recordRetention(), settings.shortRetention(),
                new StockReservationMeter(meterRegistry));
    }

    /** Placing an order takes its stock here, through the port the command side knows (DESIGN §4). */
    @Bean
    public StockDoor stockDoor(StockGate stockGate, StockSettings settings) {
        return new RedisStockDoor(stockGate, settings.callTimeout());
    }

    /** Stock adjustments that remove units take them here first, so they never take units orders hold. */
    @Bean
    public StockWithdrawals stockWithdrawals(StockGate stockGate, StockSettings settings) {
        return new RedisStockWithdrawals(stockGate, settings.callTimeout());
    }

    /**
     * Where participants send the commands that answer the flow's asks (JDBC appends): never a Redis or Netty I/O
     * thread, and never a thread that anything interrupts.
     */
    @Bean(destroyMethod = "shutdown")
    public ExecutorService participantWork(FulfillmentSettings settings) {
        return UninterruptibleWork.pool("flow-participant", settings.participantThreads());
    }

    @Bean
    public StockParticipant stockParticipant(StockGate stockGate, SagaCommands sagaCommands,
                                             ExecutorService participantWork, StockSettings settings) {
        return new StockParticipant(stockGate, sagaCommands, UninterruptibleWork.scheduler(participantWork),
                settings.callTimeout());
    }

    /**
     * Order flows in parallel across orders and in order within one: a pooled streaming processor whose segments
     * split the sagas by their association, each segment handling its events in batches (one transaction, one token
     * write per batch). A store that already has the saga's tokens keeps their segment count.
     */
    @Bean
    public ConfigurerModule orderFlowProcessor(FulfillmentSettings settings) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessor(
                SAGA_PROCESSOR, org.axonframework.config.Configuration::eventStore,
                (config, builder) -> builder
                        .initialSegmentCount(settings.segments())
                        .batchSize(settings.batchSize())
                        .workerExecutor(Executors.newScheduledThreadPool(settings.segments(),
                                new AxonThreadFactory("order-flow"))));
    }

    /** Each step's latency, by the event it handled (README "Metrics"). */
    @Bean
    public FlowStepTimer flowStepTimer(MeterRegistry meterRegistry) {
        return new FlowStepTimer(meterRegistry);
    }

    @Bean
    public FlowsInProgress flowsInProgress(SampledGauges gauges, JdbcTemplate jdbc) {
        return new FlowsInProgress(gauges, jdbc);
    }

    /** The door's view of the flows' backlog (DESIGN §4): new orders wait while the flows are too far behind. */
    @Bean
    public FlowBacklog flowCapacity(EventProcessingConfiguration processing, EventStore eventStore,
                                    StockGate stockGate, FulfillmentSettings settings) {
        return new FlowBacklog(FlowBacklog.ofProcessor(processing, eventStore, SAGA_PROCESSOR),
                lines -> stockGate.mayHave(lines).toFuture(),
                settings.maxBacklog(), settings.maxIntakeWait(), Duration.ofMillis(100),
                // Far beyond a slow batch (a busy flow moves every few hundred milliseconds), short enough that a
                // stuck processor does not turn a flash sale away for long.
                Duration.ofSeconds(30));
    }

    @Bean
    public StockHistory stockHistory(EventStore eventStore) {
        return new StockHistory(eventStore);
    }

    @Bean
    public StockLedgerProjector stockLedgerProjector(StockGate stockGate, StockSettings settings) {
        return new StockLedgerProjector(stockGate, settings.callTimeout());
    }

    @Bean
    public StockLedgerKeeper stockLedgerKeeper(StockGate stockGate, StockHistory stockHistory, EventStore eventStore,
                                               StockSettings settings) {
        return new StockLedgerKeeper(stockGate, stockHistory, eventStore, settings, Clock.systemUTC());
    }

    @Bean
    public StockReconciler stockReconciler(StockHistory stockHistory, StockGate stockGate) {
        return new StockReconciler(stockHistory, stockGate,
                UninterruptibleWork.scheduler(UninterruptibleWork.pool("stock-reconciler", 1)), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    public ReconciliationController reconciliationController(StockReconciler stockReconciler) {
        return new ReconciliationController(stockReconciler);
    }

    @Bean
    public SagaCommands sagaCommands(CommandGateway commandGateway) {
        return new SagaCommands(commandGateway);
    }

    /** The outside services' circuit breakers, one per service, all configured by {@code commerce.gateway.*}. */
    @Bean
    @ConditionalOnMissingBean
    public CircuitBreakerRegistry circuitBreakerRegistry(GatewaySettings guard) {
        return GatewayResilience.breakers(guard);
    }

    /** The outside services' retries, one per service, all configured by {@code commerce.gateway.*}. */
    @Bean
    @ConditionalOnMissingBean
    public RetryRegistry retryRegistry(GatewaySettings guard) {
        return GatewayResilience.retries(guard);
    }

    /** States, failure rates and call counts of every breaker, tagged by name (Boot binds MeterBinder beans). */
    @Bean
    public MeterBinder circuitBreakerMeters(CircuitBreakerRegistry breakers) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers);
    }

    /** Retried and failed calls of every retry, tagged by name. */
    @Bean
    public MeterBinder retryMeters(RetryRegistry retries) {
        return TaggedRetryMetrics.ofRetryRegistry(retries);
    }

    /** The simulated provider; a real adapter replaces it by declaring its own PaymentGateway bean. */
    @Bean
    @ConditionalOnMissingBean
    public PaymentGateway paymentGateway(PaymentSimulatorSettings simulator, GatewaySettings guard,
                                         CircuitBreakerRegistry breakers, RetryRegistry retries) {
        return new ResilientPaymentGateway(new SimulatedPaymentGateway(simulator),
                new ResilientCall("payment-gateway", guard.timeout(), breakers, retries));
    }

    @Bean
    public PaymentRelay paymentRelay(PaymentGateway paymentGateway, SagaCommands sagaCommands,
                                     ExecutorService participantWork) {
        return new PaymentRelay(paymentGateway, sagaCommands, UninterruptibleWork.scheduler(participantWork));
    }

    /** The simulated carrier; a real adapter replaces it by declaring its own ShipmentCarrier bean. */
    @Bean
    @ConditionalOnMissingBean
    public ShipmentCarrier shipmentCarrier(CarrierSimulatorSettings simulator, GatewaySettings guard,
                                           CircuitBreakerRegistry breakers, RetryRegistry retries) {
        return new ResilientCarrier(new SimulatedCarrier(simulator),
                new ResilientCall("carrier", guard.timeout(), breakers, retries));
    }

    @Bean
    public CarrierRelay carrierRelay(ShipmentCarrier shipmentCarrier, SagaCommands sagaCommands,
                                     ExecutorService participantWork) {
        return new CarrierRelay(shipmentCarrier, sagaCommands, UninterruptibleWork.scheduler(participantWork));
    }
}

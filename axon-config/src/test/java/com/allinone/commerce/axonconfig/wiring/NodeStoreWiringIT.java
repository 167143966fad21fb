package com.allinone.commerce.axonconfig.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.axonconfig.processing.QueryNodeProcessingGroups;
import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import com.allinone.commerce.axonconfig.deadline.RaceTolerantDeadlineManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Boots a node the way the apps do (environment post-processors, auto-configuration) for each store combination of
 * DESIGN §2 and checks what got wired, and what did not.
 */
class NodeStoreWiringIT {

    private static MongoServer mongo;
    private static String mongoUri;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        mongoUri = "mongodb://127.0.0.1:" + address.getPort() + "/wiring";
    }

    @AfterAll
    static void stopMongo() {
        mongo.shutdown();
    }

    @Test
    void withoutAxonServerEventsGoToTheJdbcStoreAndTheConnectorIsOff() {
        try (ConfigurableApplicationContext node = start()) {
            assertThat(node.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
            assertThat(node.getBean(EventStore.class)).isInstanceOf(EmbeddedEventStore.class);
            assertThat(node.getBeansOfType(AxonServerConnectionManager.class)).isEmpty();
            // Stored events are read through our upcasters.
            EventUpcaster chain = node.getBean(Configuration.class).upcasterChain();
            assertThat(ReflectionTestUtils.getField(node.getBean(EventStorageEngine.class), "upcasterChain"))
                    .isSameAs(chain);
            assertThat(unitsAfter(chain, node)).isEqualTo(3);
        }
    }

    @Test
    void theCommandNodesTokensAndSagasLiveInSql() {
        try (ConfigurableApplicationContext node = start()) {
            EventProcessingConfiguration processing = node.getBean(EventProcessingConfiguration.class);
            assertThat(processing.tokenStore("sql-side")).isInstanceOf(JdbcTokenStore.class);
            assertThat(node.getBean(org.axonframework.modelling.saga.repository.SagaStore.class))
                    .isInstanceOf(JdbcSagaStore.class);
            // Persistent deadlines, tolerant of a cancel that races the deadline firing.
            assertThat(node.getBean(org.axonframework.deadline.DeadlineManager.class))
                    .isInstanceOf(RaceTolerantDeadlineManager.class);
        }
    }

    @Test
    void everyAxonSerializerIsJackson() {
        try (ConfigurableApplicationContext node = start()) {
            assertThat(node.getBean("serializer", Serializer.class)).isInstanceOf(JacksonSerializer.class);
            assertThat(node.getBean("eventSerializer", Serializer.class)).isInstanceOf(JacksonSerializer.class);
            assertThat(node.getBean("messageSerializer", Serializer.class)).isInstanceOf(JacksonSerializer.class);
        }
    }

    @Test
    void theSqlDatabaseIsTheConfiguredOneOrElseAnH2FileInTheDataFolder() throws Exception {
        // CI exports SPRING_DATASOURCE_URL (PostgreSQL); a bare machine has none.
        String configured = System.getenv("SPRING_DATASOURCE_URL");
        String expected = configured != null ? configured : "jdbc:h2:async:" + dataDir.resolve("commerce");
        try (ConfigurableApplicationContext node = start();
             var connection = node.getBean(DataSource.class).getConnection()) {
            assertThat(connection.getMetaData().getURL()).startsWith(expected);
        }
    }

    @Test
    void withAxonServerNamedEventsCommandsAndQueriesGoThroughIt() {
        try (ConfigurableApplicationContext node = start("axon.axonserver.servers=127.0.0.1:1")) {
            assertThat(node.getBean(AxonServerConnectionManager.class)).isNotNull();
            assertThat(node.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(node.getBeansOfType(JdbcEventStorageEngine.class)).isEmpty();
            // Stored events are read through our upcasters there too.
            EventUpcaster chain = node.getBean(Configuration.class).upcasterChain();
            Object engine = ReflectionTestUtils.invokeMethod(node.getBean(EventStore.class), "storageEngine");
            assertThat(ReflectionTestUtils.getField(engine, "upcasterChain")).isSameAs(chain);
            assertThat(unitsAfter(chain, node)).isEqualTo(3);
            assertThat(node.getBean(org.axonframework.commandhandling.CommandBus.class).getClass().getSimpleName())
                    .isEqualTo("AxonServerCommandBus");
            // The command node's own state stays in SQL next to its deadlines (DESIGN §2).
            assertThat(node.getBean(EventProcessingConfiguration.class).tokenStore("sql-side"))
                    .isInstanceOf(JdbcTokenStore.class);
        }
    }

    /** An OrderPlaced of 2 + 1 units as revision 1 stored it: without units. */
    private static final String REVISION_1_ORDER_PLACED = """
            {"orderId":"o-1","lines":[\
            {"sku":"MUG-01","quantity":2,"unitPrice":{"amount":1000,"currency":"KRW"},\
            "lineTotal":{"amount":2000,"currency":"KRW"}},\
            {"sku":"TEE-02","quantity":1,"unitPrice":{"amount":1000,"currency":"KRW"},\
            "lineTotal":{"amount":1000,"currency":"KRW"}}]}""";

    /** The units a stored revision 1 OrderPlaced has once the chain has read it. */
    private static int unitsAfter(EventUpcaster chain, ConfigurableApplicationContext node) {
        InitialEventRepresentation stored = new InitialEventRepresentation(new GenericDomainEventEntry<>("Order",
                "o-1", 0, "e-1", Instant.now(), OrderPlaced.class.getName(), null,
                REVISION_1_ORDER_PLACED.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)),
                node.getBean("eventSerializer", Serializer.class));
        return chain.upcast(Stream.of(stored)).findFirst().orElseThrow().getData(JsonNode.class).getData()
                .path("units").asInt();
    }

    /** The same event as a processor received it before the change, still in its stored form. */
    private static EventMessage<?> revision1OrderPlaced(ConfigurableApplicationContext node) {
        Serializer serializer = node.getBean("eventSerializer", Serializer.class);
        SerializedMessage<?> stored = new SerializedMessage<>("e-1", new SimpleSerializedObject<>(
                REVISION_1_ORDER_PLACED, String.class, OrderPlaced.class.getName(), null),
                serializer.serialize(MetaData.emptyInstance(), String.class), serializer);
        return new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(41, Set.of()), "Order",
                "o-1", 0, stored, Instant::now);
    }

    @Test
    void queryNodeProcessorsKeepTokensAndDeadLettersInMongo() {
        try (ConfigurableApplicationContext node = start()) {
            EventProcessingConfiguration processing = node.getBean(EventProcessingConfiguration.class);
            assertThat(processing.tokenStore(QueryNodeTestProjector.GROUP)).isInstanceOf(MongoTokenStore.class);
            assertThat(processing.deadLetterQueue(QueryNodeTestProjector.GROUP))
                    .get().isInstanceOf(MongoSequencedDeadLetterQueue.class);
            // A letter parked before OrderPlaced carried units comes back with them, as if read from the store.
            SequencedDeadLetterQueue<EventMessage<?>> queue =
                    processing.deadLetterQueue(QueryNodeTestProjector.GROUP).orElseThrow();
            queue.enqueue("o-1", new GenericDeadLetter<>("o-1", revision1OrderPlaced(node)));
            EventMessage<?> retried = queue.deadLetterSequence("o-1").iterator().next().message();
            assertThat(((OrderPlaced) retried.getPayload()).units()).isEqualTo(3);
            assertThat(processing.eventProcessor(QueryNodeTestProjector.GROUP, PooledStreamingEventProcessor.class))
                    .isPresent();
            // Everything else stays on the SQL token store.
            assertThat(processing.tokenStore("sql-side")).isInstanceOf(JdbcTokenStore.class);
        }
    }

    private ConfigurableApplicationContext start(String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "DATA_DIR=" + dataDir,
                "spring.main.banner-mode=off",
                // The test node always hosts one query-node projector, so it always has a MongoDB.
                "spring.data.mongodb.uri=" + mongoUri));
        properties.addAll(List.of(extra));
        return new SpringApplicationBuilder(Node.class)
                .web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new))
                .run();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Node {

        @Bean
        QueryNodeProcessingGroups testGroups() {
            return QueryNodeProcessingGroups.of(QueryNodeTestProjector.GROUP);
        }

        @Bean
        QueryNodeTestProjector queryNodeTestProjector() {
            return new QueryNodeTestProjector();
        }

        @Bean
        SqlSideTestProjector sqlSideTestProjector() {
            return new SqlSideTestProjector();
        }
    }

    @ProcessingGroup(QueryNodeTestProjector.GROUP)
    static class QueryNodeTestProjector {
        static final String GROUP = "query-side";

        @EventHandler
        void on(String event) {
        }
    }

    @ProcessingGroup("sql-side")
    static class SqlSideTestProjector {

        @EventHandler
        void on(Integer event) {
        }
    }
}

package com.allinone.commerce.axonconfig.processing;

import com.allinone.commerce.axonconfig.upcasting.UpcastingDeadLetterConverter;
import com.mongodb.client.MongoClient;
import java.util.List;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The query node's Axon state in MongoDB (axon-mongo, over the sync driver it requires): tracking tokens and the
 * sequenced dead-letter queue of every {@link QueryNodeProcessingGroups} group.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class)
@ConditionalOnClass({MongoTokenStore.class, MongoClient.class})
@ConditionalOnBean(MongoClient.class)
public class QueryNodeAxonConfiguration {

    static final int PROJECTION_BATCH_SIZE = 50;

    @Bean
    public org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate(MongoClient client,
                                                                               MongoProperties properties) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(client, properties.getMongoClientDatabase())
                .build();
    }

    @Bean
    public ConfigurerModule queryNodeProcessors(List<QueryNodeProcessingGroups> groups,
                                                org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate,
                                                Serializer serializer,
                                                @Qualifier("eventSerializer") Serializer eventSerializer,
                                                @Value("${commerce.projections.segments:2}") int segments) {
        if (segments < 1) {
            throw new IllegalArgumentException("commerce.projections.segments must be at least 1, was " + segments);
        }
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            groups.stream().flatMap(g -> g.names().stream()).distinct().forEach(group -> {
                processing.registerPooledStreamingEventProcessor(group);
                processing.registerSequencingPolicy(group, c -> new FlowSequencingPolicy());
                // Projectors are idempotent, so a batch may be redelivered whole: one token write per batch instead
                // of per event lets a fresh query node catch up with a long history quickly.
                // Few segments, not Axon's 16: the coordinator offers every event to every segment's queue and, while
                // they are full, counts each queue (a linked-queue walk) once per event it reads. With 16 segments
                // that counting alone took an eighth of the standalone's CPU under a flash sale (measured with JFR).
                // Query nodes share the segments through the token store, so a deployment sets at least one per node.
                processing.registerPooledStreamingEventProcessorConfiguration(group,
                        (c, builder) -> builder.batchSize(PROJECTION_BATCH_SIZE).initialSegmentCount(segments));
                // MongoDB has no transactions to join; a SQL transaction around a projector batch would only hold a
                // pooled connection for nothing.
                processing.registerTransactionManager(group, c -> NoTransactionManager.INSTANCE);
                processing.registerTokenStore(group, c -> MongoTokenStore.builder()
                        .mongoTemplate(axonMongoTemplate)
                        .serializer(serializer)
                        .build());
                processing.registerDeadLetterQueue(group, c -> MongoSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .mongoTemplate(axonMongoTemplate)
                        .serializer(eventSerializer)
                        // A letter parked before a schema change is retried in the shape handlers now expect.
                        .clearConverters()
                        .addConverter(new UpcastingDeadLetterConverter(c.upcasterChain(),
                                EventEntryConfiguration.getDefault()))
                        .build());
                // Without it, every event asks the queue whether its flow is parked: a count in MongoDB per event
                // and projector, measured as two thirds of a projector's CPU under a flash sale. The cache knows the
                // flows parked on this node since it claimed the segment; a segment claimed while the queue holds
                // letters still asks the queue for every flow it has not seen handled.
                processing.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (c, builder) -> builder.enableSequenceIdentifierCache());
            });
        };
    }
}

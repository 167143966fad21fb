package com.allinone.commerce.commandside.audit;

import com.allinone.commerce.axonconfig.web.Problems;
import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateMetaModelFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * An aggregate's state at a point of its history, folded from its events by the aggregate's own
 * {@code @EventSourcingHandler}s: the aggregate classes and the models Axon inspects them into are the ones the
 * repositories use, so there is no second copy of the rules that could drift from them. The aggregate is rebuilt the
 * way a repository rebuilds it ({@link EventSourcedAggregate#initializeState}), from its first event, ignoring
 * snapshots (one may be newer than the point asked for), and never cached or stored.
 *
 * <p>Reading the events blocks (JDBC, or a gRPC stream from Axon Server), so folds run on a pool of their own, off the
 * event loop, and one that nobody interrupts ({@link UninterruptibleWork}): a client that hangs up must not interrupt a
 * thread inside JDBC, which makes H2 close its file for the whole process.
 */
public class PastStates implements AutoCloseable {

    /**
     * The aggregates' fields as they are, whatever getters or Jackson annotations say: an audit shows state, not an
     * API. Not the application's mapper, whose settings are made for messages and requests.
     */
    private static final ObjectMapper FIELDS = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private final EventStore eventStore;
    private final Configuration axon;
    private final ExecutorService pool;
    private final Scheduler folds;
    /** The node's aggregates by the type name their events are stored under ("Order", "Inventory"…). */
    private volatile Map<String, Aggregate<?>> byType;

    /** @param pool the threads that fold, owned by this from now on */
    public PastStates(EventStore eventStore, Configuration axon, ExecutorService pool) {
        this.eventStore = eventStore;
        this.axon = axon;
        this.pool = pool;
        this.folds = UninterruptibleWork.scheduler(pool);
    }

    /** The state at the point; a 404 problem for an unknown aggregate or a point before it existed. */
    public Mono<PastState> at(String aggregateId, PointInHistory point) {
        return Mono.fromCallable(() -> fold(aggregateId, point)).subscribeOn(folds);
    }

    /** Lets folds in progress end: none changes anything, but none is cut off in the middle of JDBC either. */
    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private PastState fold(String aggregateId, PointInHistory point) {
        DomainEventStream events = eventStore.readEvents(aggregateId, 0);
        if (!events.hasNext()) {
            throw notFound("No aggregate " + aggregateId + " in the event store");
        }
        DomainEventMessage<?> first = events.peek();
        if (!point.includes(first)) {
            throw notFound("Aggregate " + aggregateId + " did not exist yet " + point + "; its first event is at "
                    + first.getTimestamp());
        }
        Aggregate<?> aggregate = aggregateOfType(first.getType())
                .orElseThrow(() -> notFound("This node holds no aggregate of type " + first.getType()));
        return aggregate.fold(aggregateId, first, events, point);
    }

    /** Looked up on first use: Axon's configuration is complete only once the application has started. */
    private Optional<Aggregate<?>> aggregateOfType(String type) {
        Map<String, Aggregate<?>> known = byType;
        if (known == null) {
            Map<String, Aggregate<?>> found = new HashMap<>();
            for (AggregateConfiguration<?> configuration : axon.findModules(AggregateConfiguration.class)) {
                Aggregate<?> aggregate = Aggregate.of(configuration, axon);
                found.put(aggregate.model().type(), aggregate);
            }
            known = Map.copyOf(found);
            byType = known;
        }
        return Optional.ofNullable(known.get(type));
    }

    private record Aggregate<A>(AggregateConfiguration<A> configuration, AggregateModel<A> model) {

        /** The model the aggregate's repository was built with (Axon's AggregateConfigurer makes it the same way). */
        static <A> Aggregate<A> of(AggregateConfiguration<A> configuration, Configuration axon) {
            Class<A> type = configuration.aggregateType();
            AggregateMetaModelFactory factory = axon.getComponent(AggregateMetaModelFactory.class,
                    () -> new AnnotatedAggregateMetaModelFactory(axon.parameterResolverFactory(),
                            axon.handlerDefinition(type)));
            return new Aggregate<>(configuration, factory.createModel(type));
        }

        PastState fold(String aggregateId, DomainEventMessage<?> first, DomainEventStream events,
                       PointInHistory point) {
            A root = configuration.aggregateFactory().createAggregateRoot(aggregateId, first);
            // No event bus and no snapshots: a fold only replays what is stored, and publishes or stores nothing.
            EventSourcedAggregate<A> aggregate = EventSourcedAggregate.initialize(root, model, null,
                    NoSnapshotTriggerDefinition.TRIGGER);
            AtomicReference<DomainEventMessage<?>> last = new AtomicReference<>();
            // takeWhile stops reading at the first event past the point: the rest of a long history stays unread.
            aggregate.initializeState(DomainEventStream.of(events.asStream()
                    .takeWhile(point::includes)
                    .peek(last::set)));
            if (point.beyond(last.get().getSequenceNumber())) {
                throw notFound("Aggregate " + aggregateId + " has no " + point + "; its latest is version "
                        + last.get().getSequenceNumber());
            }
            return new PastState(aggregateId, model.type(), last.get().getSequenceNumber(),
                    last.get().getTimestamp(), FIELDS.valueToTree(aggregate.getAggregateRoot()));
        }
    }

    static ErrorResponseException notFound(String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "not-found",
                detail), null);
    }
}

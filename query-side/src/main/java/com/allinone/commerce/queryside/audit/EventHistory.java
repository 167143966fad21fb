package com.allinone.commerce.queryside.audit;

import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * An aggregate's events straight from the event store, never from a read model. Axon's reads block (JDBC, or a gRPC
 * stream from Axon Server), so every read runs on the audit pool, off the event loop. That pool is
 * {@link UninterruptibleWork}: an auditor who hangs up mid-stream cancels the
 * Flux, and Reactor's {@code boundedElastic} would interrupt the reading thread inside JDBC, which makes H2 close
 * its file for the whole process. A cancelled read here finishes the batch it is in and stops.
 */
public class EventHistory implements AutoCloseable {

    private final EventStore eventStore;
    private final ExecutorService pool;
    private final Scheduler reads;

    /** @param pool the threads that read, owned by this history from now on */
    public EventHistory(EventStore eventStore, ExecutorService pool) {
        this.eventStore = eventStore;
        this.pool = pool;
        this.reads = UninterruptibleWork.scheduler(pool);
    }

    /**
     * The aggregate's events from {@code firstSequence} on, in sequence order, as the subscriber asks for them: the
     * store is read in batches (Axon's JDBC engine fetches 100 at a time, each batch on a connection of its own), so
     * a stream of any length holds one batch in memory. Snapshots are not events and never appear.
     */
    public Flux<DomainEventMessage<?>> from(String aggregateId, long firstSequence) {
        return Flux.<DomainEventMessage<?>>fromStream(() -> eventStore.readEvents(aggregateId, firstSequence)
                        .asStream().map(event -> (DomainEventMessage<?>) event))
                .subscribeOn(reads);
    }

    /** The whole stream at once: for aggregates whose history is short by nature (one order's payment, say). */
    public Mono<List<DomainEventMessage<?>>> all(String aggregateId) {
        return from(aggregateId, 0).collectList();
    }

    /** Whether the store holds any event of the aggregate (one query, not a read of its history). */
    public Mono<Boolean> exists(String aggregateId) {
        return Mono.fromCallable(() -> eventStore.lastSequenceNumberFor(aggregateId).isPresent()).subscribeOn(reads);
    }

    /** Lets reads in progress end: none of them changes anything, but none is cut off in the middle of JDBC either. */
    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}

package com.allinone.commerce.sagas.order;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.order.FlowCapacity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The order flows' backlog: how many events the saga's processor still has to handle (the event store's head minus
 * the slowest segment's position), sampled a few times a second. Orders wait at the door while it is above its bound.
 *
 * <p>Sampling, not asking per request: the head is one indexed query (or one Axon Server call) per sample however
 * many orders arrive. A processor that is not running, or a store that cannot answer, lets orders in: the backlog
 * bound protects latency, and must never be the reason an order is refused.
 */
public class FlowBacklog implements FlowCapacity, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FlowBacklog.class);
    public static final long UNKNOWN = -1;

    private final LongSupplier probe;
    private final Function<List<OrderLine>, CompletableFuture<Boolean>> stockInSight;
    private final long maxBacklog;
    private final Duration maxWait;
    private final Duration sampleEvery;
    private final Queue<CompletableFuture<Boolean>> waiting = new ConcurrentLinkedQueue<>();
    private volatile long backlog = UNKNOWN;
    private ScheduledExecutorService sampler;

    /**
     * @param probe        measures the backlog in events, or answers -1 when it cannot tell
     * @param stockInSight whether the lines' stock may still be there (a glance, not a reservation); an order whose
     *                     stock is gone goes straight to the door, which refuses it
     * @param maxBacklog   the bound above which new orders wait (0 or less: they never wait)
     */
    public FlowBacklog(LongSupplier probe, Function<List<OrderLine>, CompletableFuture<Boolean>> stockInSight,
                       long maxBacklog, Duration maxWait, Duration sampleEvery) {
        this.probe = probe;
        this.stockInSight = stockInSight;
        this.maxBacklog = maxBacklog;
        this.maxWait = maxWait;
        this.sampleEvery = sampleEvery;
    }

    @Override
    public CompletableFuture<Boolean> awaitRoom(List<OrderLine> lines) {
        if (hasRoom() || maxBacklog <= 0) {
            return CompletableFuture.completedFuture(true);
        }
        return stockInSight.apply(lines).thenCompose(inSight -> inSight ? waitForRoom()
                : CompletableFuture.completedFuture(true));
    }

    private CompletableFuture<Boolean> waitForRoom() {
        CompletableFuture<Boolean> room = new CompletableFuture<>();
        waiting.add(room);
        // The sample may have freed room between the check and the enqueue.
        if (hasRoom()) {
            releaseWaiting();
        }
        return room.completeOnTimeout(false, maxWait.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((answer, failure) -> waiting.remove(room));
    }

    /** The events the flows still have to handle, or -1 when unknown. */
    public long backlog() {
        return backlog;
    }

    private boolean hasRoom() {
        long current = backlog;
        return current == UNKNOWN || current <= maxBacklog;
    }

    private void sample() {
        try {
            backlog = probe.getAsLong();
        } catch (RuntimeException e) {
            backlog = UNKNOWN;
            log.debug("Flow backlog unknown: {}", e.toString());
        }
        if (hasRoom()) {
            releaseWaiting();
        }
    }

    /** The backlog of a pooled processor: the event store's head minus its slowest segment's position. */
    public static LongSupplier ofProcessor(EventProcessingConfiguration processing, EventStore eventStore,
                                           String processorName) {
        return () -> measure(processing, eventStore, processorName);
    }

    private static long measure(EventProcessingConfiguration processing, EventStore eventStore,
                                String processorName) {
        PooledStreamingEventProcessor processor = processing
                .eventProcessor(processorName, PooledStreamingEventProcessor.class).orElse(null);
        if (processor == null || !processor.isRunning()) {
            return UNKNOWN;
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.isEmpty()) {
            return UNKNOWN;
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : segments.values()) {
            OptionalLong position = status.getCurrentPosition();
            if (position.isEmpty()) {
                return UNKNOWN;
            }
            slowest = Math.min(slowest, position.getAsLong());
        }
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong headPosition = head == null ? OptionalLong.empty() : head.position();
        return headPosition.isPresent() ? Math.max(0, headPosition.getAsLong() - slowest) : UNKNOWN;
    }

    private void releaseWaiting() {
        CompletableFuture<Boolean> next;
        while ((next = waiting.poll()) != null) {
            next.complete(true);
        }
    }

    @Override
    public void start() {
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "flow-backlog");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(this::sample, 0, sampleEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (sampler != null) {
            // shutdown, never shutdownNow: an interrupt inside the head query would close H2's file.
            sampler.shutdown();
            sampler = null;
        }
        backlog = UNKNOWN;
        releaseWaiting();
    }

    @Override
    public boolean isRunning() {
        return sampler != null;
    }
}

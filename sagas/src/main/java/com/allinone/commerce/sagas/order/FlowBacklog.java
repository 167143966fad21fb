package com.allinone.commerce.sagas.order;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.order.FlowCapacity;
import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * many orders arrive. A processor that is not running, a store that cannot answer, or flows that have not moved at all
 * for a while (a stuck processor) let orders in: the backlog bound paces a shop that is working, and must never be the
 * reason a shop whose flows are stuck refuses every order. Orders taken then are stored and wait for the flows.
 */
public class FlowBacklog implements FlowCapacity, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FlowBacklog.class);
    public static final long UNKNOWN = -1;

    /** Where the flows are: the event store's head and the slowest segment's position. */
    public record Position(long head, long slowest) {

        long backlog() {
            return Math.max(0, head - slowest);
        }
    }

    private final Supplier<Position> probe;
    private final Duration stallAfter;
    private final Function<List<OrderLine>, CompletableFuture<Boolean>> stockInSight;
    private final long maxBacklog;
    private final Duration maxWait;
    private final Duration sampleEvery;
    private final Queue<CompletableFuture<Boolean>> waiting = new ConcurrentLinkedQueue<>();
    private volatile long backlog = UNKNOWN;
    private volatile boolean stalled;
    private long lastSlowest = UNKNOWN;
    private long lastProgressNanos = System.nanoTime();
    private ScheduledExecutorService sampler;

    /**
     * @param probe        where the flows are, or null when it cannot tell
     * @param stockInSight whether the lines' stock may still be there (a glance, not a reservation); an order whose
     *                     stock is gone goes straight to the door, which refuses it
     * @param maxBacklog   the bound above which new orders wait (0 or less: they never wait)
     * @param stallAfter   how long the slowest segment may stay put, with events to handle, before the flows count as
     *                     stuck and stop holding orders back
     */
    public FlowBacklog(Supplier<Position> probe, Function<List<OrderLine>, CompletableFuture<Boolean>> stockInSight,
                       long maxBacklog, Duration maxWait, Duration sampleEvery, Duration stallAfter) {
        this.probe = probe;
        this.stallAfter = stallAfter;
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
        return current == UNKNOWN || current <= maxBacklog || stalled;
    }

    private void sample() {
        Position position;
        try {
            position = probe.get();
        } catch (RuntimeException e) {
            position = null;
            log.debug("Flow backlog unknown: {}", e.toString());
        }
        backlog = position == null ? UNKNOWN : position.backlog();
        watchForStall(position);
        if (hasRoom()) {
            releaseWaiting();
        }
    }

    /** Only the sampler thread calls this. */
    private void watchForStall(Position position) {
        long now = System.nanoTime();
        if (position == null || position.slowest() != lastSlowest || position.backlog() == 0) {
            lastSlowest = position == null ? UNKNOWN : position.slowest();
            lastProgressNanos = now;
            if (stalled) {
                stalled = false;
                log.info("The order flows are moving again; new orders are paced by their backlog again");
            }
            return;
        }
        if (!stalled && now - lastProgressNanos > stallAfter.toNanos()) {
            stalled = true;
            log.warn("The order flows have not moved for {} with {} events to handle; new orders are let in "
                    + "unpaced (stored, waiting for the flows) until they move", stallAfter, position.backlog());
        }
    }

    /** Where a pooled processor is: the event store's head and its slowest segment's position. */
    public static Supplier<Position> ofProcessor(EventProcessingConfiguration processing, EventStore eventStore,
                                                 String processorName) {
        return () -> measure(processing, eventStore, processorName);
    }

    private static Position measure(EventProcessingConfiguration processing, EventStore eventStore,
                                    String processorName) {
        PooledStreamingEventProcessor processor = processing
                .eventProcessor(processorName, PooledStreamingEventProcessor.class).orElse(null);
        if (processor == null || !processor.isRunning()) {
            return null;
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.isEmpty()) {
            return null;
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : segments.values()) {
            OptionalLong position = status.getCurrentPosition();
            if (position.isEmpty()) {
                return null;
            }
            slowest = Math.min(slowest, position.getAsLong());
        }
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong headPosition = head == null ? OptionalLong.empty() : head.position();
        return headPosition.isPresent() ? new Position(headPosition.getAsLong(), slowest) : null;
    }

    private void releaseWaiting() {
        CompletableFuture<Boolean> next;
        while ((next = waiting.poll()) != null) {
            next.complete(true);
        }
    }

    @Override
    public void start() {
        sampler = UninterruptibleWork.repeating("flow-backlog", sampleEvery, this::sample);
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

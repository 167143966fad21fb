package com.allinone.commerce.axonconfig.health;

import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Samples, on a thread of its own, how far every streaming processor of this node is behind the head of the event
 * store. The head is a query (JDBC, or a call to Axon Server), so a health request never waits for it: the indicator
 * reads the latest sample, and a sampler stuck in a query shows as a sample growing old. The thread is never
 * interrupted (an interrupt inside H2's file I/O closes the database for the whole process).
 */
public class ProcessorLagSampler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessorLagSampler.class);

    private final EventProcessingConfiguration processing;
    private final StreamableMessageSource<?> eventStore;
    private final HealthSettings settings;
    private final Clock clock;
    private final Set<String> ignored;
    /** The slowest position each processor was last seen at while it held segments here. */
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private volatile Sample latest;
    private volatile ScheduledExecutorService thread;

    public ProcessorLagSampler(EventProcessingConfiguration processing, StreamableMessageSource<?> eventStore,
                               HealthSettings settings, Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.settings = settings;
        this.clock = clock;
        this.ignored = Set.copyOf(settings.ignoredProcessors());
    }

    /** Every streaming processor at one moment; null before the first sample. */
    public record Sample(Instant at, long head, List<ProcessorLag> processors) {
    }

    public Sample latest() {
        return latest;
    }

    /** Takes a sample now, on the calling thread (which does the event store's I/O). */
    public Sample sample() {
        long head = headPosition();
        List<ProcessorLag> processors = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && !ignored.contains(name)) {
                processors.add(measure(name, streaming, head));
            }
        });
        Sample sample = new Sample(clock.instant(), head, List.copyOf(processors));
        latest = sample;
        return sample;
    }

    private ProcessorLag measure(String name, StreamingEventProcessor processor, long head) {
        if (!((EventProcessor) processor).isRunning()) {
            return ProcessorLag.stopped(name, lastSeen.get(name), head);
        }
        Collection<EventTrackerStatus> held = processor.processingStatus().values();
        if (held.isEmpty()) {
            return ProcessorLag.holdingNothing(name);
        }
        ProcessorLag lag = ProcessorLag.of(name, held, head);
        lastSeen.put(name, lag.position());
        return lag;
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        // An empty store has no head; every processor is then caught up at "before the first event".
        return head == null ? -1 : head.position().orElse(-1);
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            // The sample then grows old and readiness reports it; the log says why.
            log.warn("Could not measure the event processors' lag: {}", e.toString());
        }
    }

    @Override
    public void start() {
        thread = UninterruptibleWork.repeating("processor-lag", settings.processorCheckInterval(),
                this::sampleQuietly);
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = thread;
        if (executor != null) {
            // shutdown, never shutdownNow: no interrupt inside the head query.
            executor.shutdown();
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}

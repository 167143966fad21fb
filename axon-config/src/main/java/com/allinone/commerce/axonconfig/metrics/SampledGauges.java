package com.allinone.commerce.axonconfig.metrics;

import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Gauges whose value costs I/O to learn (a count in SQL or MongoDB): one background thread samples them at a fixed
 * interval, and a scrape only reads the last sample. Micrometer reads a gauge on the scraping thread, which may be a
 * Netty event loop, and has no background-refreshed gauge of its own, hence this small class.
 *
 * <p>A gauge reads NaN until its first sample and whenever its last sample failed: unknown, never a stale number
 * passed off as current.
 */
public class SampledGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SampledGauges.class);

    private final MeterRegistry registry;
    private final Duration interval;
    private final List<Sampled> gauges = new CopyOnWriteArrayList<>();
    private volatile ScheduledExecutorService sampler;

    public SampledGauges(MeterRegistry registry, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("commerce.metrics.sample-interval must be positive, was " + interval);
        }
        this.registry = registry;
        this.interval = interval;
    }

    /** Registers a gauge whose value {@code sample} reads; sample runs on the sampler thread only. */
    public void register(String name, String description, Tags tags, LongSupplier sample) {
        Sampled gauge = new Sampled(name, tags, sample);
        Gauge.builder(name, gauge, Sampled::value).description(description).tags(tags).register(registry);
        gauges.add(gauge);
    }

    /** Samples every gauge once, now, on the calling thread. */
    public void sampleAll() {
        gauges.forEach(Sampled::sample);
    }

    @Override
    public void start() {
        sampler = UninterruptibleWork.repeating("sampled-gauges", interval, this::sampleAll);
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = sampler;
        if (executor != null) {
            // shutdown, never shutdownNow: an interrupt inside an H2 query would close its file for the process.
            executor.shutdown();
            sampler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return sampler != null;
    }

    /** After Axon's processors and dead-letter queues (which start in the default phase) are up. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private static final class Sampled {

        private final String name;
        private final Tags tags;
        private final LongSupplier sample;
        private volatile double value = Double.NaN;

        Sampled(String name, Tags tags, LongSupplier sample) {
            this.name = name;
            this.tags = tags;
            this.sample = sample;
        }

        double value() {
            return value;
        }

        void sample() {
            try {
                value = sample.getAsLong();
            } catch (RuntimeException e) {
                value = Double.NaN;
                log.debug("Gauge {}{} unknown: {}", name, tags, e.toString());
            }
        }
    }
}

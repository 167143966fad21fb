package com.allinone.commerce.readmodels.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a rebuild has come: events fed, its position in the store against the head when it started, the rate over
 * the last few seconds, and the rate over each fifth of the history (a rebuild whose last fifth is much slower than
 * its first has a cost that grows with the store). Written by the rebuild's thread, read by anyone.
 */
final class RebuildProgress {

    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private volatile Instant startedAt;
    private volatile long total;
    private volatile long processed;
    private volatile long position;
    private volatile double rate;
    private final List<Long> fifthEndedAtNanos = new ArrayList<>();
    private long startNanos;
    private long windowStartNanos;
    private long windowStartProcessed;

    void started(long headPosition) {
        startedAt = Instant.now();
        total = headPosition;
        startNanos = System.nanoTime();
        windowStartNanos = startNanos;
    }

    void advanced(long events, long newPosition) {
        processed += events;
        position = Math.max(position, newPosition);
        long now = System.nanoTime();
        long windowNanos = now - windowStartNanos;
        if (windowNanos > 0) {
            rate = (processed - windowStartProcessed) * 1e9 / windowNanos;
        }
        if (windowNanos > RATE_WINDOW.toNanos()) {
            windowStartNanos = now;
            windowStartProcessed = processed;
        }
        synchronized (fifthEndedAtNanos) {
            while (fifthEndedAtNanos.size() < 5 && total > 0
                    && position >= total * (fifthEndedAtNanos.size() + 1) / 5) {
                fifthEndedAtNanos.add(now);
            }
        }
    }

    boolean reachedStartHead() {
        return position >= total;
    }

    Instant startedAt() {
        return startedAt;
    }

    long total() {
        return total;
    }

    long processed() {
        return processed;
    }

    long position() {
        return position;
    }

    double rate() {
        return rate;
    }

    /** Seconds left at the current rate until the head as it was at the start; null before there is a rate. */
    Long eta() {
        return rate <= 0 ? null : Math.round(Math.max(0, total - position) / rate);
    }

    /** Events per second over each completed fifth of the history, in order. */
    List<Long> ratesByFifth() {
        List<Long> rates = new ArrayList<>();
        synchronized (fifthEndedAtNanos) {
            long from = startNanos;
            for (long until : fifthEndedAtNanos) {
                double seconds = Math.max(1, until - from) / 1e9;
                rates.add(Math.round(total / 5.0 / seconds));
                from = until;
            }
        }
        return rates;
    }
}

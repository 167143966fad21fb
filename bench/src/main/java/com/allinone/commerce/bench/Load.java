package com.allinone.commerce.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The two load shapes. Closed loop: N clients, each sends its next request when the previous one answered (what
 * "as fast as possible at 32 clients" means). Open loop: arrivals on a fixed schedule whatever the answers do, and
 * latency counted from the scheduled arrival, so a slow server cannot hide its queue (no coordinated omission).
 */
final class Load {

    /** One request by client {@code client} (its n-th overall); answers the status (or Http.FAILED/DROPPED). */
    interface Request {
        Mono<Integer> send(int client, long n);
    }

    /**
     * @param sent        requests started
     * @param answered    requests that got an answer (or failed: status -1) before the driver stopped waiting
     * @param lastArrival wall-clock time the last request was sent
     */
    record Result(String name, long sent, long answered, double seconds, Histogram micros,
                  Map<Integer, Long> statuses, Instant lastArrival) {

        /** Requests sent per second: for an open loop, its achieved arrival rate. */
        double rate() {
            return sent / seconds;
        }

        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        double rateOf(int status) {
            return count(status) / seconds;
        }

        /** Latency percentile of the HTTP answers in milliseconds; NaN if there was none. */
        double millis(double percentile) {
            return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
        }

        String statusSummary() {
            StringBuilder text = new StringBuilder();
            new TreeMap<>(statuses).forEach((status, count) ->
                    text.append(text.length() == 0 ? "" : " ").append(label(status)).append('×').append(count));
            return text.toString();
        }
    }

    private Load() {
    }

    /** Rounds of one measurement as one result: their requests, answers, seconds and latencies added up. */
    static Result merge(String name, List<Result> rounds) {
        Histogram micros = new Histogram(3);
        Map<Integer, Long> statuses = new TreeMap<>();
        long sent = 0;
        long answered = 0;
        double seconds = 0;
        Instant lastArrival = null;
        for (Result round : rounds) {
            micros.add(round.micros());
            round.statuses().forEach((status, count) -> statuses.merge(status, count, Long::sum));
            sent += round.sent();
            answered += round.answered();
            seconds += round.seconds();
            lastArrival = round.lastArrival();
        }
        return new Result(name, sent, answered, seconds, micros, statuses, lastArrival);
    }

    static String label(int status) {
        return switch (status) {
            case Http.FAILED -> "ERR";
            case Http.DROPPED -> "DROPPED";
            default -> String.valueOf(status);
        };
    }

    static Result closedLoop(String name, int clients, Duration duration, Request request) {
        Recorder recorder = new Recorder(name);
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Flux.range(0, clients)
                .flatMap(client -> Mono.defer(() -> {
                            long sent = System.nanoTime();
                            return request.send(client, sequence.getAndIncrement())
                                    .doOnNext(status -> recorder.record(status, System.nanoTime() - sent));
                        })
                        .repeat(() -> System.nanoTime() < end)
                        .then(), clients)
                .blockLast(duration.plusMinutes(2));
        return recorder.result(sequence.get(), System.nanoTime() - start, Instant.now());
    }

    static Result openLoop(String name, int clients, double perSecond, Duration duration, Request request)
            throws InterruptedException {
        Recorder recorder = new Recorder(name);
        int total = (int) Math.round(perSecond * duration.toMillis() / 1000.0);
        double period = 1e9 / perSecond;
        CountDownLatch answered = new CountDownLatch(total);
        long start = System.nanoTime();
        Instant lastArrival = null;
        for (int i = 0; i < total; i++) {
            long intended = start + Math.round(i * period);
            for (long wait; (wait = intended - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            request.send(i % clients, i).subscribe(
                    status -> recorder.record(status, System.nanoTime() - intended),
                    failure -> answered.countDown(),
                    answered::countDown);
            lastArrival = Instant.now();
        }
        long scheduleNanos = System.nanoTime() - start;
        if (!answered.await(2, TimeUnit.MINUTES)) {
            Progress.say("%s: %d requests still unanswered 2 min after the last arrival", name, answered.getCount());
        }
        recorder.stop();
        // The rate of an open loop is its arrival rate: divide by the schedule, not by the wait for the last answer.
        return recorder.result(total, scheduleNanos, lastArrival);
    }

    /** Latencies and status counts of one run, with a progress line every 5 s. */
    private static final class Recorder {
        private final ConcurrentHistogram micros = new ConcurrentHistogram(3);
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final LongAdder answered = new LongAdder();
        private final String name;
        private final Disposable ticker;

        Recorder(String name) {
            this.name = name;
            ticker = Flux.interval(Duration.ofSeconds(5)).subscribe(tick ->
                    Progress.say("%s: %d answered so far (%s)", name, answered.sum(), summary()));
        }

        void record(int status, long nanos) {
            // Latency of HTTP answers only: a dropped or failed request would flatter the percentiles.
            if (status > 0) {
                micros.recordValue(Math.max(1, nanos / 1000));
            }
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            answered.increment();
        }

        private String summary() {
            StringBuilder text = new StringBuilder();
            new TreeMap<>(statuses).forEach((status, count) ->
                    text.append(text.length() == 0 ? "" : " ").append(label(status)).append('×').append(count.sum()));
            return text.toString();
        }

        void stop() {
            ticker.dispose();
        }

        Result result(long sent, long nanos, Instant lastArrival) {
            stop();
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            return new Result(name, sent, answered.sum(), nanos / 1e9, micros.copy(), counts, lastArrival);
        }
    }
}

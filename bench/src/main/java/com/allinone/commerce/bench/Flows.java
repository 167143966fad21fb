package com.allinone.commerce.bench;

import com.allinone.commerce.bench.CommerceApi.Customer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What became of the orders a scenario placed, read back through the app's own "my orders" API. Latencies come from
 * the timeline's server timestamps (the events' own), so the bench's polling interval adds no error to them.
 */
final class Flows {

    /** Statuses after which the flow the bench measures is over (shipping waits for the warehouse, not the saga). */
    static final Set<String> SETTLED = Set.of("CONFIRMED", "SHIPPED", "DELIVERED", "REJECTED", "CANCELLED");

    /** One order's timeline: when it was placed, confirmed, or rejected/cancelled (null if not (yet) so). */
    record Outcome(String orderId, String status, Instant placed, Instant confirmed, Instant ended) {

        Instant settled() {
            return confirmed != null ? confirmed : ended;
        }

        static Outcome of(String orderId, JsonNode order) {
            Instant placed = null;
            Instant confirmed = null;
            Instant ended = null;
            for (JsonNode change : order.path("timeline")) {
                Instant at = instant(change.path("at"));
                switch (change.path("status").asText()) {
                    case "PLACED" -> placed = at;
                    case "CONFIRMED" -> confirmed = at;
                    case "REJECTED", "CANCELLED" -> ended = at;
                    default -> {
                    }
                }
            }
            return new Outcome(orderId, order.path("status").asText(), placed, confirmed, ended);
        }

        /** Jackson writes an Instant as ISO text; as decimal epoch seconds if WRITE_DATES_AS_TIMESTAMPS is on. */
        private static Instant instant(JsonNode at) {
            if (at.isNumber()) {
                BigDecimal seconds = at.decimalValue();
                return Instant.ofEpochSecond(seconds.longValue(),
                        seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
            }
            return at.isTextual() ? Instant.parse(at.asText()) : null;
        }
    }

    /** The orders one scenario got accepted, in the order they were accepted, with who owns them. */
    static final class Tracked {
        private final Map<String, Customer> owners = new ConcurrentHashMap<>();
        private final Queue<String> accepted = new ConcurrentLinkedQueue<>();

        void add(Customer owner, String orderId) {
            if (owners.putIfAbsent(orderId, owner) == null) {
                accepted.add(orderId);
            }
        }

        int size() {
            return owners.size();
        }
    }

    private Flows() {
    }

    /** Orders looked at per round while waiting: the oldest unsettled ones. */
    private static final int WINDOW = 64;

    /**
     * Waits, at most {@code bound}, until every tracked order is CONFIRMED or REJECTED (or past). Each round reads
     * the oldest orders not yet seen settled, one by one ({@code GET /api/me/orders/{id}}, served by {@code _id} on
     * every engine), and stops at {@value #WINDOW} unsettled ones: a round costs what settled since the last one,
     * plus the window, so the waiting adds little load to the app it waits for, however large the backlog is.
     * Answers how many orders are in each status (NOT_IN_VIEW: not projected yet; UNSEEN: not read yet).
     */
    static Map<String, Long> awaitSettled(CommerceApi api, String label, Tracked orders, Duration bound)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        List<String> pending = new ArrayList<>(orders.accepted);
        Map<String, Long> settledByStatus = new TreeMap<>();
        while (true) {
            Map<String, String> window = new LinkedHashMap<>();
            int next = 0;
            long unsettledSeen = 0;
            while (unsettledSeen < WINDOW && next < pending.size()) {
                List<String> batch = pending.subList(next, Math.min(pending.size(), next + WINDOW));
                next += batch.size();
                Map<String, String> read = statuses(api, orders, batch);
                window.putAll(read);
                unsettledSeen += read.values().stream().filter(status -> !SETTLED.contains(status)).count();
            }
            List<String> stillPending = new ArrayList<>();
            window.forEach((orderId, status) -> {
                if (SETTLED.contains(status)) {
                    settledByStatus.merge(status, 1L, Long::sum);
                } else {
                    stillPending.add(orderId);
                }
            });
            stillPending.addAll(pending.subList(next, pending.size()));
            pending = stillPending;
            long settled = orders.size() - pending.size();
            Map<String, Long> byStatus = new TreeMap<>(settledByStatus);
            window.values().stream().filter(status -> !SETTLED.contains(status))
                    .forEach(status -> byStatus.merge(status, 1L, Long::sum));
            long unseen = pending.size() - window.values().stream().filter(s -> !SETTLED.contains(s)).count();
            if (unseen > 0) {
                byStatus.put("UNSEEN", unseen);
            }
            long waited = (System.nanoTime() - start) / 1_000_000_000L;
            Progress.say("%s: %d/%d settled after %d s %s", label, settled, orders.size(), waited, byStatus);
            if (pending.isEmpty()) {
                return byStatus;
            }
            if (System.nanoTime() > deadline) {
                Progress.say("%s: giving up waiting after %d s", label, waited);
                return byStatus;
            }
            Thread.sleep(2000);
        }
    }

    /** The current status of each order (NOT_IN_VIEW if the view does not have it yet), read by id. */
    private static Map<String, String> statuses(CommerceApi api, Tracked orders, List<String> orderIds) {
        try {
            return Flux.fromIterable(orderIds)
                    .flatMapSequential(orderId -> api.myOrder(orders.owners.get(orderId), orderId)
                            .map(json -> json.path("status").asText())
                            .defaultIfEmpty("NOT_IN_VIEW")
                            .map(status -> Map.entry(orderId, status)), 8)
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
                    .block(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            // An app that fails under load is a result, not a reason to lose the table: note it, keep waiting.
            Progress.say("reading orders failed: %s", e.getMessage());
            Map<String, String> unknown = new LinkedHashMap<>();
            orderIds.forEach(orderId -> unknown.put(orderId, "UNKNOWN"));
            return unknown;
        }
    }

    /** Every tracked order's timeline (an order the view does not have, or cannot show, has no timestamps). */
    static List<Outcome> outcomes(CommerceApi api, Tracked orders) {
        return Flux.fromIterable(orders.owners.entrySet())
                .flatMap(entry -> api.myOrder(entry.getValue(), entry.getKey())
                        .map(json -> Outcome.of(entry.getKey(), json))
                        .onErrorResume(failure -> Mono.empty())
                        .defaultIfEmpty(new Outcome(entry.getKey(), "UNKNOWN", null, null, null)), 32)
                .collectList()
                .block(Duration.ofMinutes(3));
    }

    /**
     * placed→CONFIRMED latencies in ms, sorted; orders still unsettled count as infinitely late (so a stuck order
     * pushes the percentiles up instead of vanishing from them); rejected orders are not flows that completed.
     */
    static double[] confirmLatencies(List<Outcome> outcomes) {
        return outcomes.stream()
                .filter(o -> o.confirmed() != null || o.ended() == null)
                .mapToDouble(o -> o.confirmed() != null && o.placed() != null
                        ? Duration.between(o.placed(), o.confirmed()).toNanos() / 1e6
                        : Double.POSITIVE_INFINITY)
                .sorted()
                .toArray();
    }

    /** Nearest-rank percentile; NaN when there is nothing to rank. */
    static double percentile(double[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static long count(List<Outcome> outcomes, java.util.function.Predicate<Outcome> which) {
        return outcomes.stream().filter(which).count();
    }
}

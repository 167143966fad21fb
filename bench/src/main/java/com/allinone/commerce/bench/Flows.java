package com.allinone.commerce.bench;

import com.allinone.commerce.bench.CommerceApi.Customer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What became of the orders a scenario placed, read back through the app's own "my orders" API. Latencies come from
 * the timeline's server timestamps (the events' own), so the bench's polling interval adds no error to them.
 */
final class Flows {

    /** Statuses after which the flow the bench measures is over (shipping waits for the warehouse, not the saga). */
    private static final Set<String> SETTLED = Set.of("CONFIRMED", "SHIPPED", "DELIVERED", "REJECTED", "CANCELLED");

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

    /** The orders one scenario got accepted, with who owns them (only the owner may read an order). */
    static final class Tracked {
        private final Map<String, Customer> owners = new ConcurrentHashMap<>();

        void add(Customer owner, String orderId) {
            owners.put(orderId, owner);
        }

        int size() {
            return owners.size();
        }
    }

    private Flows() {
    }

    /**
     * Waits, at most {@code bound}, until every tracked order is CONFIRMED or REJECTED (or past), listing each
     * customer's orders a page of 100 at a time. Answers how many orders the view last showed in each status
     * (NOT_IN_VIEW: not projected yet).
     */
    static Map<String, Long> awaitSettled(CommerceApi api, String label, Tracked orders, Duration bound)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        Set<Customer> customers = Set.copyOf(orders.owners.values());
        while (true) {
            Map<String, String> statuses;
            try {
                statuses = Flux.fromIterable(customers)
                        .flatMap(api::myOrders, 8)
                        .filter(listed -> orders.owners.containsKey(listed.orderId()))
                        .collectMap(CommerceApi.Listed::orderId, CommerceApi.Listed::status)
                        .block(Duration.ofMinutes(2));
            } catch (RuntimeException e) {
                // An app that fails under load is a result, not a reason to lose the table: note it, keep waiting.
                Progress.say("%s: listing orders failed: %s", label, e.getMessage());
                statuses = Map.of();
            }
            long settled = statuses.values().stream().filter(SETTLED::contains).count();
            Map<String, Long> byStatus = new TreeMap<>(statuses.values().stream()
                    .collect(Collectors.groupingBy(s -> s, Collectors.counting())));
            long waited = (System.nanoTime() - start) / 1_000_000_000L;
            Progress.say("%s: %d/%d settled after %d s %s, %d not in the view yet", label, settled, orders.size(),
                    waited, byStatus, orders.size() - statuses.size());
            if (orders.size() > statuses.size()) {
                byStatus.put("NOT_IN_VIEW", (long) (orders.size() - statuses.size()));
            }
            if (settled == orders.size()) {
                return byStatus;
            }
            if (System.nanoTime() > deadline) {
                Progress.say("%s: giving up waiting after %d s", label, waited);
                return byStatus;
            }
            Thread.sleep(2000);
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

package com.allinone.commerce.sagas.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Compares the live Redis counters with the fold of the event store, per SKU, and reports drift. It never overwrites a
 * live counter: drift is for a person to look at (a reservation between its script and its event shows up as a
 * moment's drift of {@code held}, a stock adjustment between its withdrawal and its event as one of {@code received}
 * and {@code available}; anything lasting is a bug or lost data).
 *
 * <p>A SKU is {@code balanced} only if both its counts, the event store's and Redis's, hold the identity and none is
 * negative; the report is {@code consistent} only if every SKU is balanced and none drifts.
 */
public class StockReconciler {

    /** One SKU: what the events say, what Redis holds, whether they differ, and what is wrong with either. */
    public record SkuReconciliation(String sku, SkuCounters expected, SkuCounters actual, boolean drift,
                                    boolean balanced, List<String> problems) {
    }

    public record Reconciliation(Instant at, boolean consistent, long stockEvents, List<SkuReconciliation> skus) {
    }

    private final StockHistory history;
    private final StockGate gate;
    private final Scheduler blockingWork;
    private final Clock clock;

    public StockReconciler(StockHistory history, StockGate gate, Scheduler blockingWork, Clock clock) {
        this.history = history;
        this.gate = gate;
        this.blockingWork = blockingWork;
        this.clock = clock;
    }

    public Mono<Reconciliation> reconcile() {
        return Mono.fromCallable(history::fold).subscribeOn(blockingWork)
                .flatMap(fold -> Flux.fromIterable(fold.counters().values())
                        .concatMap(expected -> gate.counters(expected.sku()).map(actual -> compare(expected, actual)))
                        .collectList()
                        .map(skus -> new Reconciliation(clock.instant(),
                                skus.stream().noneMatch(sku -> sku.drift() || !sku.balanced()), fold.events(),
                                skus)));
    }

    static SkuReconciliation compare(SkuCounters expected, SkuCounters actual) {
        List<String> problems = new ArrayList<>();
        expected.problems().forEach(problem -> problems.add("event store: " + problem));
        actual.problems().forEach(problem -> problems.add("redis: " + problem));
        return new SkuReconciliation(expected.sku(), expected, actual, !expected.equals(actual), problems.isEmpty(),
                problems);
    }
}

package com.allinone.commerce.sagas.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Compares the live Redis counters with the fold of the event store, per SKU, and reports drift. It never overwrites a
 * live counter: drift is for a person to look at (a reservation between its script and its event shows up as a
 * moment's drift of {@code held}; anything lasting is a bug or lost data).
 */
public class StockReconciler {

    /** One SKU: what the events say, what Redis holds, and whether they differ. */
    public record SkuReconciliation(String sku, SkuCounters expected, SkuCounters actual, boolean drift,
                                    boolean balanced) {
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
                                skus.stream().noneMatch(SkuReconciliation::drift), fold.events(), skus)));
    }

    private static SkuReconciliation compare(SkuCounters expected, SkuCounters actual) {
        return new SkuReconciliation(expected.sku(), expected, actual, !expected.equals(actual),
                actual.balances());
    }
}

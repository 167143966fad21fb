package com.allinone.commerce.sagas.inventory;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.inventory.StockAdjusted;
import com.allinone.commerce.api.order.OrderStockReserved;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Looks after the counters in the background, on one thread of its own:
 * <ul>
 *   <li><b>rebuild</b>: when Redis has no ready marker (first start, or it restarted and lost its data), folds the
 *       event store and writes every counter and reservation record into empty keys, then opens the gate. Until then
 *       every script answers NOT_READY, so no order is rejected for stock that exists.</li>
 *   <li><b>sweep</b>: a RESERVED record still pending after the grace period, whose order has no OrderStockReserved
 *       in the event store, was left by a crash between the reservation and its event: it is released. Likewise a
 *       stock adjustment's withdrawal whose StockAdjusted was never stored gives its units back.</li>
 * </ul>
 */
public class StockLedgerKeeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StockLedgerKeeper.class);
    private static final int SWEEP_BATCH = 100;

    private final StockGate gate;
    private final StockHistory history;
    private final EventStore eventStore;
    private final StockSettings settings;
    private final Clock clock;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName();
    private ScheduledExecutorService worker;

    public StockLedgerKeeper(StockGate gate, StockHistory history, EventStore eventStore, StockSettings settings,
                             Clock clock) {
        this.gate = gate;
        this.history = history;
        this.eventStore = eventStore;
        this.settings = settings;
        this.clock = clock;
    }

    /** Rebuilds the counters if Redis has none. Answers whether the gate is open afterwards. */
    public boolean rebuildIfLost() {
        if (Boolean.TRUE.equals(gate.isReady().block(settings.callTimeout()))) {
            return true;
        }
        if (!Boolean.TRUE.equals(gate.tryLockRebuild(owner, settings.rebuildLease()).block(settings.callTimeout()))) {
            log.info("Stock ledger: another node is rebuilding the counters");
            return false;
        }
        try {
            log.warn("Stock ledger: Redis has no counters; rebuilding them from the event store");
            StockFold fold = history.fold();
            int skus = 0;
            for (SkuCounters counters : fold.counters().values()) {
                if (Boolean.TRUE.equals(gate.restoreSku(counters, fold.lastSequence(counters.sku()))
                        .block(settings.callTimeout()))) {
                    skus++;
                }
            }
            int records = 0;
            for (Map.Entry<String, StockFold.OrderStock> order : fold.orders().entrySet()) {
                if (Boolean.TRUE.equals(gate.restoreRecord(order.getKey(), order.getValue().state(),
                        fold.customerOf(order.getKey()), order.getValue().lines()).block(settings.callTimeout()))) {
                    records++;
                }
            }
            fold.purchaseLimits().forEach((sku, limit) -> gate.restorePurchaseLimit(sku, limit)
                    .block(settings.callTimeout()));
            gate.open().block(settings.callTimeout());
            log.info("Stock ledger: rebuilt {} SKUs and {} reservation records from {} stock events; gate open",
                    skus, records, fold.events());
            return true;
        } finally {
            gate.unlockRebuild().block(settings.callTimeout());
        }
    }

    /** Releases overdue reservations and withdrawals that never got their event. Answers how many it released. */
    public int sweep() {
        return sweepReservations() + sweepWithdrawals();
    }

    private int sweepReservations() {
        Instant cutoff = clock.instant().minus(settings.sweepGrace());
        List<String> overdue = gate.pendingBefore(cutoff, SWEEP_BATCH).block(settings.callTimeout());
        int released = 0;
        for (String orderId : overdue == null ? List.<String>of() : overdue) {
            if (hasReservedEvent(orderId)) {
                gate.markRecorded(orderId).block(settings.callTimeout());
            } else if (gate.sweep(orderId, cutoff).block(settings.callTimeout()) == ReservationState.RELEASED) {
                log.warn("Stock sweeper: released reservation of order {}: no OrderStockReserved after {}",
                        orderId, settings.sweepGrace());
                released++;
            }
        }
        return released;
    }

    private int sweepWithdrawals() {
        Instant cutoff = clock.instant().minus(settings.sweepGrace());
        List<String> overdue = gate.withdrawalsPendingBefore(cutoff, SWEEP_BATCH).block(settings.callTimeout());
        int returned = 0;
        for (String member : overdue == null ? List.<String>of() : overdue) {
            // SKUs never contain ':', adjustment ids may.
            String sku = member.substring(0, member.indexOf(':'));
            String adjustmentId = member.substring(member.indexOf(':') + 1);
            if (hasAdjustedEvent(sku, adjustmentId)) {
                gate.forgetPendingWithdrawal(sku, adjustmentId).block(settings.callTimeout());
            } else if ("RETURNED".equals(gate.sweepWithdrawal(sku, adjustmentId, cutoff)
                    .block(settings.callTimeout()))) {
                log.warn("Stock sweeper: gave back the units of adjustment {} of {}: no StockAdjusted after {}",
                        adjustmentId, sku, settings.sweepGrace());
                returned++;
            }
        }
        return returned;
    }

    private boolean hasAdjustedEvent(String sku, String adjustmentId) {
        // From the first event, not the latest snapshot, which may already have folded it in.
        return eventStore.readEvents(FlowIds.inventoryId(sku), 0).asStream()
                .anyMatch(e -> e.getPayload() instanceof StockAdjusted adjusted
                        && adjusted.adjustmentId().equals(adjustmentId));
    }

    private boolean hasReservedEvent(String orderId) {
        return eventStore.readEvents(orderId).asStream()
                .anyMatch(e -> e.getPayloadType().equals(OrderStockReserved.class));
    }

    @Override
    public void start() {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "stock-ledger-keeper");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(() -> guard("rebuild", this::rebuildIfLost), 0,
                settings.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(() -> guard("sweep", this::sweep), settings.sweepInterval().toMillis(),
                settings.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void guard(String task, java.util.function.Supplier<?> work) {
        try {
            work.get();
        } catch (RuntimeException e) {
            // Redis or the event store is down: the next round tries again.
            log.warn("Stock ledger {} failed, will retry: {}", task, e.toString());
        }
    }

    @Override
    public void stop() {
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null && !worker.isShutdown();
    }
}

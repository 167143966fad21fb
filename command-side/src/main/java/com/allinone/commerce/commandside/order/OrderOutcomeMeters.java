package com.allinone.commerce.commandside.order;

import com.allinone.commerce.api.order.CancellationReason;
import com.allinone.commerce.api.order.OrderCancelled;
import com.allinone.commerce.api.order.OrderConfirmed;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Counts the orders' outcomes from their events, once per event (README "Metrics"): accepted, confirmed, rejected
 * and cancelled, the last two by reason.
 *
 * <p>On a subscribing processor ({@value #PROCESSING_GROUP}): it sees each event once, as this node appends it, and
 * has no token, so no replay or reset ever hands it old events again (a tracking processor would count history
 * again on every reset and, on a fresh node, count every order ever placed). Every order event is appended by a
 * command node, so summing the nodes' counters counts each event once. The count is taken after the appending unit
 * of work commits: an event whose transaction rolls back (a concurrency conflict) never happened and is not counted.
 */
@ProcessingGroup(OrderOutcomeMeters.PROCESSING_GROUP)
public class OrderOutcomeMeters {

    public static final String PROCESSING_GROUP = "order-outcome-meters";
    public static final String ACCEPTED = "commerce.orders.accepted";
    public static final String CONFIRMED = "commerce.orders.confirmed";
    public static final String REJECTED = "commerce.orders.rejected";
    public static final String CANCELLED = "commerce.orders.cancelled";

    private final Counter accepted;
    private final Counter confirmed;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
    private final Map<CancellationReason, Counter> cancelled = new EnumMap<>(CancellationReason.class);

    /** Registers every series up front, so a reason that never happened reads 0 rather than missing. */
    public OrderOutcomeMeters(MeterRegistry registry) {
        accepted = Counter.builder(ACCEPTED).description("Orders placed (stored)").register(registry);
        confirmed = Counter.builder(CONFIRMED).description("Orders confirmed (paid, stock held)").register(registry);
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, Counter.builder(REJECTED).description("Orders rejected, by reason")
                    .tag("reason", reason.name()).register(registry));
        }
        for (CancellationReason reason : CancellationReason.values()) {
            cancelled.put(reason, Counter.builder(CANCELLED).description("Orders cancelled, by reason")
                    .tag("reason", reason.name()).register(registry));
        }
    }

    @EventHandler
    void on(OrderPlaced event) {
        countOnCommit(accepted);
    }

    @EventHandler
    void on(OrderConfirmed event) {
        countOnCommit(confirmed);
    }

    @EventHandler
    void on(OrderRejected event) {
        countOnCommit(rejected.get(event.reason()));
    }

    @EventHandler
    void on(OrderCancelled event) {
        countOnCommit(cancelled.get(event.reason()));
    }

    private static void countOnCommit(Counter counter) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> counter.increment());
        } else {
            counter.increment();
        }
    }
}

package com.allinone.commerce.sagas.inventory;

import com.allinone.commerce.api.catalog.ProductPurchaseLimitSet;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.inventory.StockAdjusted;
import com.allinone.commerce.api.inventory.StockReceived;
import com.allinone.commerce.api.order.OrderCancelled;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderStockCommitted;
import com.allinone.commerce.api.order.OrderStockReleased;
import com.allinone.commerce.api.order.OrderStockReserved;
import com.allinone.commerce.api.order.RejectionReason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * The stock counters as the event store says they must be (DESIGN §5): with {@code reserved}, {@code released} and
 * {@code committed} summed from OrderStockReserved/Released/Committed,
 * {@code available = received + adjusted − reserved + released} and {@code held = reserved − released − committed}.
 * It also keeps each order's reservation state, so a rebuild restores the records a retried saga step will ask about.
 */
public final class StockFold {

    /** One order's reservation as the events tell it. */
    public record OrderStock(ReservationState state, List<OrderLine> lines) {
    }

    private static final class Ledger {
        long received;
        long reserved;
        long released;
        long committed;
        long lastSequence = -1;
    }

    private final Map<String, Ledger> skus = new TreeMap<>();
    private final Map<String, OrderStock> orders = new HashMap<>();
    private final Map<String, String> customers = new HashMap<>();
    private final Map<String, Integer> purchaseLimits = new TreeMap<>();
    private long events;

    /** Folds one event; events the ledger does not care about are ignored. */
    public void apply(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof StockReceived received) {
            receive(received.sku(), received.quantity(), event);
        } else if (payload instanceof StockAdjusted adjusted) {
            receive(adjusted.sku(), adjusted.delta(), event);
        } else if (payload instanceof OrderStockReserved reserved) {
            reserved.lines().forEach(l -> ledger(l.sku()).reserved += l.quantity());
            orders.put(reserved.orderId(), new OrderStock(ReservationState.RESERVED, reserved.lines()));
        } else if (payload instanceof OrderStockReleased released) {
            released.lines().forEach(l -> ledger(l.sku()).released += l.quantity());
            orders.put(released.orderId(), new OrderStock(ReservationState.RELEASED, released.lines()));
        } else if (payload instanceof OrderStockCommitted committed) {
            committed.lines().forEach(l -> ledger(l.sku()).committed += l.quantity());
            orders.put(committed.orderId(), new OrderStock(ReservationState.COMMITTED, committed.lines()));
        } else if (payload instanceof OrderRejected rejected && rejected.reason() == RejectionReason.OUT_OF_STOCK) {
            orders.putIfAbsent(rejected.orderId(), new OrderStock(ReservationState.SHORT, List.of()));
        } else if (payload instanceof OrderRejected rejected
                && rejected.reason() == RejectionReason.PURCHASE_LIMIT_REACHED) {
            orders.putIfAbsent(rejected.orderId(), new OrderStock(ReservationState.LIMIT, List.of()));
        } else if (payload instanceof OrderPlaced placed) {
            // Whose order it is, so a rebuild counts held and committed units against purchase limits again.
            customers.put(placed.orderId(), placed.customerId());
            return;
        } else if (payload instanceof ProductPurchaseLimitSet limit) {
            if (limit.perCustomer() == null) {
                purchaseLimits.remove(limit.sku());
            } else {
                purchaseLimits.put(limit.sku(), limit.perCustomer());
            }
        } else if (payload instanceof OrderCancelled cancelled) {
            // Cancelled before anything was reserved: the tombstone keeps a late reserve from taking stock.
            orders.putIfAbsent(cancelled.orderId(), new OrderStock(ReservationState.RELEASED, List.of()));
        } else {
            return;
        }
        events++;
    }

    private void receive(String sku, long delta, EventMessage<?> event) {
        Ledger ledger = ledger(sku);
        ledger.received += delta;
        if (event instanceof DomainEventMessage<?> domain) {
            ledger.lastSequence = Math.max(ledger.lastSequence, domain.getSequenceNumber());
        }
    }

    private Ledger ledger(String sku) {
        return skus.computeIfAbsent(sku, s -> new Ledger());
    }

    public Map<String, SkuCounters> counters() {
        Map<String, SkuCounters> counters = new TreeMap<>();
        skus.forEach((sku, l) -> counters.put(sku, new SkuCounters(sku, l.received,
                l.received - l.reserved + l.released, l.reserved - l.released - l.committed, l.committed)));
        return counters;
    }

    /** The last Inventory sequence applied for the SKU, or -1 if none. */
    public long lastSequence(String sku) {
        Ledger ledger = skus.get(sku);
        return ledger == null ? -1 : ledger.lastSequence;
    }

    public Map<String, OrderStock> orders() {
        return orders;
    }

    /** The customer of an order, or null if its OrderPlaced was not folded. */
    public String customerOf(String orderId) {
        return customers.get(orderId);
    }

    /** Each SKU's per-customer purchase limit, for SKUs that have one. */
    public Map<String, Integer> purchaseLimits() {
        return purchaseLimits;
    }

    /** How many stock events were folded. */
    public long events() {
        return events;
    }
}

package com.allinone.commerce.readmodels.verify;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.order.OrderCancellationRejected;
import com.allinone.commerce.api.order.OrderCancellationRequested;
import com.allinone.commerce.api.order.OrderCancelled;
import com.allinone.commerce.api.order.OrderConfirmed;
import com.allinone.commerce.api.order.OrderDelivered;
import com.allinone.commerce.api.order.OrderPaid;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderShipped;
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.api.order.OrderStockCommitted;
import com.allinone.commerce.api.order.OrderStockReleased;
import com.allinone.commerce.api.order.OrderStockReserved;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * Every order as its events say its {@code my_orders} document must be ({@link OrderDigest}), folded from the event
 * store in one pass, in about 55 bytes per order ({@link OrderDigestTable}).
 *
 * <p>The status rules are those of MyOrdersProjector, written out again here rather than shared: a verifier that
 * asked the projector what to expect would agree with any mistake the projector makes. Every Order event the
 * projector handles moves {@code seq.order}; eight of them also set the status.
 */
public final class OrderFold {

    /** The Order events MyOrdersProjector applies to an order's document. */
    static final Set<Class<?>> ORDER_EVENTS = Set.of(OrderPlaced.class, OrderStockReserved.class, OrderPaid.class,
            OrderConfirmed.class, OrderShipped.class, OrderDelivered.class, OrderRejected.class, OrderCancelled.class,
            OrderCancellationRequested.class, OrderCancellationRejected.class, OrderStockReleased.class,
            OrderStockCommitted.class);

    private static final OrderStatus[] STATUSES = OrderStatus.values();

    private final OrderDigestTable table = new OrderDigestTable();
    private long eventsRead;

    /** Folds one event of the store. Events of other kinds are counted and skipped without reading their payload. */
    public void apply(TrackedEventMessage<?> event) {
        eventsRead++;
        // The payload type comes from the stored type name: only Order events are deserialized.
        if (!ORDER_EVENTS.contains(event.getPayloadType()) || !(event instanceof DomainEventMessage<?> domain)) {
            return;
        }
        apply(event.getPayload(), domain.getSequenceNumber(), event.trackingToken().position().orElse(-1));
    }

    /**
     * Folds one Order event.
     *
     * @param sequence the event's sequence in its Order aggregate
     * @param position the event's position in the store (its tracking token's)
     */
    public void apply(Object event, long sequence, long position) {
        String orderId = orderIdOf(event);
        if (orderId == null) {
            return;
        }
        int row = table.rowFor(orderId, position);
        // The projector's guard: an event at or below the sequence already applied changes nothing.
        if (sequence <= table.lastSequence[row]) {
            return;
        }
        table.lastSequence[row] = Math.toIntExact(sequence);
        OrderStatus status = statusSetBy(event);
        if (status != null) {
            table.status[row] = (byte) status.ordinal();
        }
        if (event instanceof OrderPlaced placed) {
            table.totalAmount[row] = placed.total().amount();
            table.totalCurrency[row] = OrderDigestTable.packCurrency(placed.total().currency());
            table.linesFingerprint[row] = LinesFingerprint.ofEvent(placed.lines());
        }
    }

    /** The status an Order event gives the document (MyOrdersProjector), or null when it leaves the status alone. */
    static OrderStatus statusSetBy(Object event) {
        if (event instanceof OrderPlaced) {
            return OrderStatus.PLACED;
        } else if (event instanceof OrderStockReserved) {
            return OrderStatus.STOCK_RESERVED;
        } else if (event instanceof OrderPaid) {
            return OrderStatus.PAID;
        } else if (event instanceof OrderConfirmed) {
            return OrderStatus.CONFIRMED;
        } else if (event instanceof OrderShipped) {
            return OrderStatus.SHIPPED;
        } else if (event instanceof OrderDelivered) {
            return OrderStatus.DELIVERED;
        } else if (event instanceof OrderRejected) {
            return OrderStatus.REJECTED;
        } else if (event instanceof OrderCancelled) {
            return OrderStatus.CANCELLED;
        }
        // OrderCancellationRequested/Rejected and OrderStockReleased/Committed change other fields only.
        return null;
    }

    private static String orderIdOf(Object event) {
        if (event instanceof OrderPlaced e) {
            return e.orderId();
        } else if (event instanceof OrderStockReserved e) {
            return e.orderId();
        } else if (event instanceof OrderPaid e) {
            return e.orderId();
        } else if (event instanceof OrderConfirmed e) {
            return e.orderId();
        } else if (event instanceof OrderShipped e) {
            return e.orderId();
        } else if (event instanceof OrderDelivered e) {
            return e.orderId();
        } else if (event instanceof OrderRejected e) {
            return e.orderId();
        } else if (event instanceof OrderCancelled e) {
            return e.orderId();
        } else if (event instanceof OrderCancellationRequested e) {
            return e.orderId();
        } else if (event instanceof OrderCancellationRejected e) {
            return e.orderId();
        } else if (event instanceof OrderStockReleased e) {
            return e.orderId();
        } else if (event instanceof OrderStockCommitted e) {
            return e.orderId();
        }
        return null;
    }

    /** Every event read, Order events or not. */
    public long eventsRead() {
        return eventsRead;
    }

    public int orders() {
        return table.rows();
    }

    /** The order folded {@code row}-th (0 ≤ row < {@link #orders()}), in the order the store first named them. */
    public OrderDigest digestAt(int row) {
        byte status = table.status[row];
        short currency = table.totalCurrency[row];
        Money total = table.totalAmount[row] == OrderDigestTable.NO_TOTAL || currency == OrderDigestTable.NO_CURRENCY
                ? null : new Money(table.totalAmount[row], OrderDigestTable.unpackCurrency(currency));
        return new OrderDigest(table.idOf(row), status == OrderDigestTable.NO_STATUS ? null : STATUSES[status],
                table.lastSequence[row], table.firstPosition[row], total, table.linesFingerprint[row]);
    }

    public Optional<OrderDigest> digestOf(String orderId) {
        int row = table.rowOf(orderId);
        return row < 0 ? Optional.empty() : Optional.of(digestAt(row));
    }

    public boolean contains(String orderId) {
        return table.rowOf(orderId) >= 0;
    }

    /** Orders per status, in the statuses' order, leaving out statuses no order has. */
    public Map<String, Long> statusCounts() {
        long[] counts = new long[STATUSES.length];
        for (int row = 0; row < table.rows(); row++) {
            if (table.status[row] != OrderDigestTable.NO_STATUS) {
                counts[table.status[row]]++;
            }
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (OrderStatus status : STATUSES) {
            if (counts[status.ordinal()] > 0) {
                byStatus.put(status.name(), counts[status.ordinal()]);
            }
        }
        return byStatus;
    }
}

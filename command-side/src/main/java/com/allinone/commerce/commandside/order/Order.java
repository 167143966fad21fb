package com.allinone.commerce.commandside.order;

import static com.allinone.commerce.api.order.OrderStatus.CANCELLED;
import static com.allinone.commerce.api.order.OrderStatus.CONFIRMED;
import static com.allinone.commerce.api.order.OrderStatus.DELIVERED;
import static com.allinone.commerce.api.order.OrderStatus.PAID;
import static com.allinone.commerce.api.order.OrderStatus.PLACED;
import static com.allinone.commerce.api.order.OrderStatus.REJECTED;
import static com.allinone.commerce.api.order.OrderStatus.SHIPPED;
import static com.allinone.commerce.api.order.OrderStatus.STOCK_RESERVED;
import static com.allinone.commerce.commandside.common.FlowEvents.applyInFlow;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.order.CancelOrder;
import com.allinone.commerce.api.order.ConfirmOrder;
import com.allinone.commerce.api.order.MarkOrderDelivered;
import com.allinone.commerce.api.order.MarkOrderPaid;
import com.allinone.commerce.api.order.MarkOrderShipped;
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
import com.allinone.commerce.api.order.PlaceOrder;
import com.allinone.commerce.api.order.RecordStockCommitted;
import com.allinone.commerce.api.order.RecordStockReleased;
import com.allinone.commerce.api.order.RecordStockReserved;
import com.allinone.commerce.api.order.RejectOrder;
import com.allinone.commerce.api.order.RejectOrderCancellation;
import com.allinone.commerce.api.order.RequestOrderCancellation;
import com.allinone.commerce.commandside.common.RejectedCommand;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One customer order and its status (DESIGN §3). Every command that already took effect is a no-op, which is what
 * makes the saga's retries safe; any other move outside the status graph is a conflict.
 */
@Aggregate(cache = "aggregateCache")
public class Order {

    @AggregateIdentifier
    private String orderId;
    private String customerId;
    private String requestHash;
    private OrderStatus status;
    private List<OrderLine> lines;
    private boolean stockReserved;
    private boolean stockHeldAtDoor;
    private boolean stockReleased;
    private boolean stockCommitted;
    private boolean paid;
    private boolean confirmed;
    private boolean cancellationPending;

    protected Order() {
    }

    // --- placement: called by OrderPlacement, which prices the lines first ---

    boolean isPlaced() {
        return orderId != null;
    }

    /** A retry of the request that placed this order, or another request reusing its idempotency key. */
    boolean wasPlacedBy(PlaceOrder command) {
        return customerId.equals(command.customerId()) && RequestFingerprint.sameRequest(requestHash, command);
    }

    /**
     * @param stockHeld whether the door already reserved every line: then the reservation is recorded in the same
     *                  commit, and the flow goes straight to payment
     */
    void place(PlaceOrder command, List<PricedLine> pricedLines, Money total, boolean stockHeld) {
        applyInFlow(command.orderId(), new OrderPlaced(command.orderId(), command.customerId(), pricedLines, total,
                command.shippingAddress(), command.requestHash(), stockHeld, OrderPlaced.unitsOf(pricedLines)));
        if (stockHeld) {
            applyInFlow(orderId, new OrderStockReserved(orderId, lines));
        }
    }

    /** The consistency token placing answered: the sequence of the order's last event of that commit. */
    long placementSequence() {
        return stockHeldAtDoor ? 1L : 0L;
    }

    // --- saga-driven steps ---

    @CommandHandler
    public void handle(RecordStockReserved command) {
        if (stockReserved) {
            return;
        }
        requireStatus("record a stock reservation", PLACED);
        applyInFlow(orderId, new OrderStockReserved(orderId, lines));
    }

    @CommandHandler
    public void handle(RejectOrder command) {
        if (status == REJECTED) {
            return;
        }
        requireStatus("reject", PLACED, STOCK_RESERVED);
        applyInFlow(orderId, new OrderRejected(orderId, command.reason()));
    }

    @CommandHandler
    public void handle(MarkOrderPaid command) {
        if (paid) {
            return;
        }
        requireStatus("mark as paid", STOCK_RESERVED);
        applyInFlow(orderId, new OrderPaid(orderId, command.paymentId()));
    }

    @CommandHandler
    public void handle(ConfirmOrder command) {
        // A flag, not the status: a confirmed order may since have been cancelled, and a retried step still no-ops.
        if (confirmed) {
            return;
        }
        requireStatus("confirm", PAID);
        applyInFlow(orderId, new OrderConfirmed(orderId));
    }

    @CommandHandler
    public void handle(MarkOrderShipped command) {
        if (reached(SHIPPED)) {
            return;
        }
        requireStatus("mark as shipped", CONFIRMED);
        applyInFlow(orderId, new OrderShipped(orderId, command.shipmentId()));
    }

    @CommandHandler
    public void handle(MarkOrderDelivered command) {
        if (status == DELIVERED) {
            return;
        }
        requireStatus("mark as delivered", SHIPPED);
        applyInFlow(orderId, new OrderDelivered(orderId));
    }

    @CommandHandler
    public void handle(RecordStockReleased command) {
        if (stockReleased) {
            return;
        }
        if (!stockReserved || stockCommitted) {
            throw RejectedCommand.conflict("order-stock-not-held",
                    "Order " + orderId + " holds no reserved stock to release");
        }
        applyInFlow(orderId, new OrderStockReleased(orderId, lines));
    }

    @CommandHandler
    public void handle(RecordStockCommitted command) {
        if (stockCommitted) {
            return;
        }
        if (!stockReserved || stockReleased) {
            throw RejectedCommand.conflict("order-stock-not-held",
                    "Order " + orderId + " holds no reserved stock to commit");
        }
        applyInFlow(orderId, new OrderStockCommitted(orderId, lines));
    }

    @CommandHandler
    public void handle(CancelOrder command) {
        if (status == CANCELLED) {
            return;
        }
        requireStatus("cancel", PLACED, STOCK_RESERVED, PAID, CONFIRMED);
        applyInFlow(orderId, new OrderCancelled(orderId, command.reason()));
    }

    // --- customer cancellation ---

    @CommandHandler
    public void handle(RequestOrderCancellation command) {
        if (!customerId.equals(command.customerId())) {
            // Another customer's order does not exist as far as they can tell.
            throw RejectedCommand.notFound("not-found", "No such order");
        }
        if (cancellationPending || status == CANCELLED) {
            return;
        }
        if (reached(SHIPPED)) {
            throw RejectedCommand.conflict("order-already-shipped", "Order " + orderId + " has already shipped");
        }
        if (status == REJECTED) {
            throw RejectedCommand.conflict("order-closed", "Order " + orderId + " was rejected; nothing to cancel");
        }
        applyInFlow(orderId, new OrderCancellationRequested(orderId, customerId));
    }

    @CommandHandler
    public void handle(RejectOrderCancellation command) {
        if (cancellationPending) {
            applyInFlow(orderId, new OrderCancellationRejected(orderId, command.reason()));
        }
    }

    private boolean reached(OrderStatus step) {
        return status != REJECTED && status != CANCELLED && status.ordinal() >= step.ordinal();
    }

    private void requireStatus(String action, OrderStatus... allowed) {
        Set<OrderStatus> from = EnumSet.of(allowed[0], allowed);
        if (!from.contains(status)) {
            throw RejectedCommand.conflict("order-status-conflict",
                    "Cannot " + action + " order " + orderId + " while it is " + status);
        }
    }

    // --- state ---

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        customerId = event.customerId();
        requestHash = event.requestHash();
        stockHeldAtDoor = event.stockHeld();
        lines = event.lines().stream().map(PricedLine::line).toList();
        status = PLACED;
    }

    @EventSourcingHandler
    void on(OrderStockReserved event) {
        stockReserved = true;
        status = STOCK_RESERVED;
    }

    @EventSourcingHandler
    void on(OrderRejected event) {
        cancellationPending = false;
        status = REJECTED;
    }

    @EventSourcingHandler
    void on(OrderPaid event) {
        paid = true;
        status = PAID;
    }

    @EventSourcingHandler
    void on(OrderConfirmed event) {
        confirmed = true;
        status = CONFIRMED;
    }

    @EventSourcingHandler
    void on(OrderShipped event) {
        status = SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderDelivered event) {
        status = DELIVERED;
    }

    @EventSourcingHandler
    void on(OrderStockReleased event) {
        stockReleased = true;
    }

    @EventSourcingHandler
    void on(OrderStockCommitted event) {
        stockCommitted = true;
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        cancellationPending = false;
        status = CANCELLED;
    }

    @EventSourcingHandler
    void on(OrderCancellationRequested event) {
        cancellationPending = true;
    }

    @EventSourcingHandler
    void on(OrderCancellationRejected event) {
        cancellationPending = false;
    }
}

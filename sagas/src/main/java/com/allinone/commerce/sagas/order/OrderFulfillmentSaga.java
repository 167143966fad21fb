package com.allinone.commerce.sagas.order;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.common.ShippingAddress;
import com.allinone.commerce.api.order.CancelOrder;
import com.allinone.commerce.api.order.CancellationReason;
import com.allinone.commerce.api.order.ConfirmOrder;
import com.allinone.commerce.api.order.MarkOrderDelivered;
import com.allinone.commerce.api.order.MarkOrderPaid;
import com.allinone.commerce.api.order.MarkOrderShipped;
import com.allinone.commerce.api.order.OrderCancellationRequested;
import com.allinone.commerce.api.order.OrderCancelled;
import com.allinone.commerce.api.order.OrderDelivered;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderStockReserved;
import com.allinone.commerce.api.order.OrderStockCommitted;
import com.allinone.commerce.api.order.OrderStockReleased;
import com.allinone.commerce.api.order.RejectOrder;
import com.allinone.commerce.api.order.RejectOrderCancellation;
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.api.payment.ExpirePayment;
import com.allinone.commerce.api.payment.PaymentAuthorized;
import com.allinone.commerce.api.payment.PaymentDeclined;
import com.allinone.commerce.api.payment.PaymentExpired;
import com.allinone.commerce.api.payment.RefundPayment;
import com.allinone.commerce.api.payment.RequestPayment;
import com.allinone.commerce.api.shipping.CancelShipment;
import com.allinone.commerce.api.shipping.CreateShipment;
import com.allinone.commerce.api.shipping.ShipmentCancelled;
import com.allinone.commerce.api.shipping.ShipmentDelivered;
import com.allinone.commerce.api.shipping.ShipmentDispatched;
import com.allinone.commerce.api.shipping.ShipmentFailed;
import com.allinone.commerce.api.inventory.CommitOrderStock;
import com.allinone.commerce.api.inventory.ReleaseOrderStock;
import com.allinone.commerce.api.inventory.ReserveOrderStock;
import com.allinone.commerce.api.payment.ChargePayment;
import com.allinone.commerce.api.shipping.BookShipment;
import com.allinone.commerce.api.shipping.ShipmentBooked;
import com.allinone.commerce.sagas.common.SagaCommands;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One order's way from PLACED to DELIVERED, or to REJECTED / CANCELLED with everything undone (DESIGN §4).
 *
 * <p>Each handler is one step, named after what happened. A step decides and sends; it never waits on Redis, the
 * payment provider or the carrier. What needs an outside system is an ask (ReserveOrderStock, ReleaseOrderStock,
 * CommitOrderStock, ChargePayment, BookShipment) to a participant, which calls out once the step has committed and
 * answers with a command to an aggregate, whose event is the saga's next step. Every ask schedules a persistent retry
 * deadline that its answer cancels, so an outside system that is down holds up only the orders it touches and is
 * asked again with back-off, across restarts.
 *
 * <p>Commands are sent inside the step, so with a SQL event store the step's commands, their events, the saga's new
 * state and its deadlines commit in one transaction. Every step is idempotent: the saga's own state says what it
 * already did, so an event handled twice, a retried ask or a deadline firing after the answer came changes nothing
 * twice. Stock is usually taken at the door: OrderPlaced says so, OrderStockReserved follows in the same commit, and
 * the flow goes straight to payment.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class OrderFulfillmentSaga {

    static final String PAYMENT_DEADLINE = "payment-deadline";
    static final String RETRY_DEADLINE = "retry-step";
    static final String ACTOR = "system:order-fulfillment";
    static final String DISPATCHED_BEFORE_CANCEL = "shipment-already-dispatched";

    private static final Logger log = LoggerFactory.getLogger(OrderFulfillmentSaga.class);

    /** TOMBSTONED: released before any reservation was recorded; one may still arrive and must then go back. */
    enum Stock { NONE, TOMBSTONED, RESERVED, REFUSED, RELEASED, COMMITTED }

    enum Payment { NONE, REQUESTED, EXPIRING, AUTHORIZED, DECLINED, EXPIRED, REFUNDED }

    enum Shipment { NONE, CREATED, DISPATCHED, DELIVERED, CANCELLED, FAILED }

    enum Outcome { OPEN, SHIPPED, DELIVERED, REJECTED, CANCELLED }

    private String orderId;
    private String customerId;
    private String paymentId;
    private String shipmentId;
    private List<OrderLine> lines;
    private Money total;
    private ShippingAddress address;

    private Stock stock = Stock.NONE;
    private Payment payment = Payment.NONE;
    private Shipment shipment = Shipment.NONE;
    private boolean carrierBooked;
    private Outcome outcome = Outcome.OPEN;
    private boolean cancellationRequested;
    private String lastCancellationRequestId;
    /** The order's terminal event (rejected, cancelled, delivered) has been seen. */
    private boolean orderClosed;

    private String paymentDeadlineId;
    private Map<FlowStep, String> retryIds = new EnumMap<>(FlowStep.class);
    private Map<FlowStep, Integer> attempts = new EnumMap<>(FlowStep.class);

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient FulfillmentSettings settings;

    // --- 1. placed: stock taken at the door, or reserved now if the door could not reach the gate ---

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlaced event) {
        if (orderId != null) {
            return;
        }
        orderId = event.orderId();
        customerId = event.customerId();
        paymentId = FlowIds.paymentId(orderId);
        shipmentId = FlowIds.shipmentId(orderId);
        lines = event.lines().stream().map(PricedLine::line).toList();
        total = event.total();
        address = event.shippingAddress();
        if (!event.stockHeld()) {
            reserveStock();
        }
    }

    private void reserveStock() {
        ask(FlowStep.RESERVE_STOCK, new ReserveOrderStock(orderId, customerId, lines));
    }

    // --- 2. reserved: ask for the money, bounded by the payment deadline ---

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderStockReserved event) {
        forget(FlowStep.RESERVE_STOCK);
        if (stock == Stock.NONE || stock == Stock.TOMBSTONED) {
            stock = Stock.RESERVED;
        }
        if (outcome != Outcome.OPEN) {
            // Reserved while the order was being given up: the units go straight back.
            releaseStock();
            return;
        }
        if (payment != Payment.NONE) {
            return;
        }
        send(new RequestPayment(paymentId, orderId, total));
        payment = Payment.REQUESTED;
        paymentDeadlineId = deadlineManager.schedule(settings.paymentTimeout(), PAYMENT_DEADLINE);
        chargePayment();
    }

    private void chargePayment() {
        ask(FlowStep.CHARGE_PAYMENT, new ChargePayment(paymentId, orderId, total));
    }

    // --- 3. paid: confirm and ship ---

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentAuthorized event) {
        if (payment == Payment.AUTHORIZED || payment == Payment.REFUNDED) {
            return;
        }
        payment = Payment.AUTHORIZED;
        stopPaymentTimers();
        if (outcome != Outcome.OPEN) {
            // The order was given up while the provider was still deciding: the money is never kept.
            refundPayment();
            endIfSettled();
            return;
        }
        send(new MarkOrderPaid(orderId, paymentId));
        send(new ConfirmOrder(orderId));
        send(new CreateShipment(shipmentId, orderId, address, lines));
        shipment = Shipment.CREATED;
        bookShipment();
    }

    private void bookShipment() {
        ask(FlowStep.BOOK_SHIPMENT, new BookShipment(shipmentId, orderId, address));
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(ShipmentBooked event) {
        carrierBooked = true;
        forget(FlowStep.BOOK_SHIPMENT);
    }

    // --- 4. declined or timed out: give the stock back and reject ---

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentDeclined event) {
        if (payment == Payment.DECLINED) {
            return;
        }
        payment = Payment.DECLINED;
        stopPaymentTimers();
        if (outcome == Outcome.OPEN) {
            releaseStock();
            reject(RejectionReason.PAYMENT_DECLINED);
        }
        endIfSettled();
    }

    @DeadlineHandler(deadlineName = PAYMENT_DEADLINE)
    void paymentDeadlinePassed() {
        paymentDeadlineId = null;
        if (payment == Payment.REQUESTED) {
            // Expire first: if the provider authorized meanwhile, this is a no-op and PaymentAuthorized follows.
            send(new ExpirePayment(paymentId));
            payment = Payment.EXPIRING;
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentExpired event) {
        if (payment == Payment.EXPIRED) {
            return;
        }
        payment = Payment.EXPIRED;
        stopPaymentTimers();
        if (outcome == Outcome.OPEN) {
            releaseStock();
            reject(RejectionReason.PAYMENT_TIMEOUT);
        }
        endIfSettled();
    }

    // --- 5. the carrier refused: refund, give the stock back, cancel ---

    @SagaEventHandler(associationProperty = "orderId")
    void on(ShipmentFailed event) {
        if (shipment == Shipment.FAILED) {
            return;
        }
        shipment = Shipment.FAILED;
        forget(FlowStep.BOOK_SHIPMENT);
        forget(FlowStep.CANCEL_SHIPMENT);
        refundPayment();
        releaseStock();
        cancel(CancellationReason.SHIPMENT_FAILED);
        endIfSettled();
    }

    // --- 6. the customer cancels: undo what was done, unless the goods already left ---

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancellationRequested event, @MessageIdentifier String requestId) {
        // A customer may ask again after a refusal, so a flag cannot tell a new request from a redelivered one; the
        // event's identifier can.
        if (cancellationRequested || requestId.equals(lastCancellationRequestId)
                || outcome == Outcome.REJECTED || outcome == Outcome.CANCELLED) {
            return;
        }
        lastCancellationRequestId = requestId;
        cancellationRequested = true;
        switch (shipment) {
            case CREATED -> cancelShipment();
            case NONE -> undoBeforeShipping();
            default -> refuseCancellation();
        }
    }

    private void cancelShipment() {
        try {
            send(new CancelShipment(shipmentId));
            forget(FlowStep.CANCEL_SHIPMENT);
        } catch (CommandExecutionException e) {
            if (SagaCommands.isRejection(e)) {
                // Refused: the warehouse dispatched it first. The flow goes on; ShipmentDispatched follows.
                forget(FlowStep.CANCEL_SHIPMENT);
                refuseCancellation();
            } else {
                retryLater(FlowStep.CANCEL_SHIPMENT);
            }
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(ShipmentCancelled event) {
        if (shipment == Shipment.CANCELLED) {
            return;
        }
        shipment = Shipment.CANCELLED;
        forget(FlowStep.BOOK_SHIPMENT);
        forget(FlowStep.CANCEL_SHIPMENT);
        undoBeforeShipping();
    }

    private void undoBeforeShipping() {
        forget(FlowStep.RESERVE_STOCK);
        if (payment == Payment.REQUESTED) {
            // A late authorization of an expired payment is voided by the Payment aggregate.
            send(new ExpirePayment(paymentId));
            payment = Payment.EXPIRING;
            stopPaymentTimers();
        }
        refundPayment();
        releaseStock();
        cancel(CancellationReason.CUSTOMER);
        endIfSettled();
    }

    private void refuseCancellation() {
        if (cancellationRequested) {
            send(new RejectOrderCancellation(orderId, DISPATCHED_BEFORE_CANCEL));
            cancellationRequested = false;
        }
    }

    // --- 7. dispatched and delivered ---

    @SagaEventHandler(associationProperty = "orderId")
    void on(ShipmentDispatched event) {
        if (shipment == Shipment.DISPATCHED || shipment == Shipment.DELIVERED) {
            return;
        }
        shipment = Shipment.DISPATCHED;
        forget(FlowStep.BOOK_SHIPMENT);
        forget(FlowStep.CANCEL_SHIPMENT);
        refuseCancellation();
        commitStock();
        send(new MarkOrderShipped(orderId, shipmentId));
        outcome = Outcome.SHIPPED;
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(ShipmentDelivered event) {
        if (shipment == Shipment.DELIVERED) {
            return;
        }
        shipment = Shipment.DELIVERED;
        send(new MarkOrderDelivered(orderId));
        outcome = Outcome.DELIVERED;
    }

    // --- the stock gate's answers to the compensations ---

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderStockReleased event) {
        stock = Stock.RELEASED;
        forget(FlowStep.RELEASE_STOCK);
        endIfSettled();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderStockCommitted event) {
        stock = Stock.COMMITTED;
        forget(FlowStep.COMMIT_STOCK);
        endIfSettled();
    }

    // --- the end: once the order is closed and nothing is held or owed ---

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderRejected event) {
        if (stock == Stock.NONE) {
            // The gate refused the reservation (the order was short, or released before it got there).
            forget(FlowStep.RESERVE_STOCK);
            stock = Stock.REFUSED;
        }
        if (outcome == Outcome.OPEN) {
            outcome = Outcome.REJECTED;
        }
        closed();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelled event) {
        closed();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderDelivered event) {
        closed();
    }

    private void closed() {
        orderClosed = true;
        endIfSettled();
    }

    private void endIfSettled() {
        boolean stockSettled = stock != Stock.RESERVED;
        boolean paymentSettled = switch (payment) {
            case NONE, DECLINED, EXPIRED, REFUNDED -> true;
            case AUTHORIZED -> outcome == Outcome.DELIVERED;
            case REQUESTED, EXPIRING -> false;
        };
        if (orderClosed && stockSettled && paymentSettled) {
            stopPaymentTimers();
            List.copyOf(retryIds.keySet()).forEach(this::forget);
            SagaLifecycle.end();
        }
    }

    // --- asks to participants, and their retries ---

    /** Sends the ask and schedules the retry that its answer cancels. */
    private void ask(FlowStep step, Object ask) {
        send(ask);
        retryLater(step);
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void retry(FlowStep step) {
        retryIds.remove(step);
        boolean stillWanted = switch (step) {
            case RESERVE_STOCK -> stock == Stock.NONE && outcome == Outcome.OPEN && !cancellationRequested;
            case RELEASE_STOCK, COMMIT_STOCK -> stock == Stock.RESERVED;
            case CHARGE_PAYMENT -> payment == Payment.REQUESTED;
            case BOOK_SHIPMENT -> shipment == Shipment.CREATED && !carrierBooked;
            case CANCEL_SHIPMENT -> shipment == Shipment.CREATED && cancellationRequested;
        };
        if (!stillWanted) {
            // The answer came while this deadline was firing.
            attempts.remove(step);
            return;
        }
        if (step != FlowStep.CHARGE_PAYMENT) {
            log.warn("Order {}: {} got no answer yet (try {}); asking again", orderId, step, attempts.get(step));
        }
        switch (step) {
            case RESERVE_STOCK -> reserveStock();
            case RELEASE_STOCK -> ask(step, new ReleaseOrderStock(orderId));
            case COMMIT_STOCK -> ask(step, new CommitOrderStock(orderId));
            case CHARGE_PAYMENT -> chargePayment();
            case BOOK_SHIPMENT -> bookShipment();
            case CANCEL_SHIPMENT -> cancelShipment();
        }
    }

    private void retryLater(FlowStep step) {
        int attempt = attempts.merge(step, 1, Integer::sum);
        cancelRetry(step);
        retryIds.put(step, deadlineManager.schedule(settings.backoff(attempt), RETRY_DEADLINE, step));
    }

    private void forget(FlowStep step) {
        cancelRetry(step);
        attempts.remove(step);
    }

    private void cancelRetry(FlowStep step) {
        String scheduled = retryIds.remove(step);
        if (scheduled != null) {
            deadlineManager.cancelSchedule(RETRY_DEADLINE, scheduled);
        }
    }

    private void stopPaymentTimers() {
        if (paymentDeadlineId != null) {
            deadlineManager.cancelSchedule(PAYMENT_DEADLINE, paymentDeadlineId);
            paymentDeadlineId = null;
        }
        forget(FlowStep.CHARGE_PAYMENT);
    }

    // --- compensations, each safe to repeat ---

    private void releaseStock() {
        forget(FlowStep.RESERVE_STOCK);
        switch (stock) {
            // Settles when OrderStockReleased comes back.
            case RESERVED -> {
                if (!retryIds.containsKey(FlowStep.RELEASE_STOCK)) {
                    ask(FlowStep.RELEASE_STOCK, new ReleaseOrderStock(orderId));
                }
            }
            // Nothing held yet: the release leaves a tombstone, so a reservation still on its way takes nothing.
            case NONE -> {
                send(new ReleaseOrderStock(orderId));
                stock = Stock.TOMBSTONED;
            }
            default -> { }
        }
    }

    private void commitStock() {
        if (stock == Stock.RESERVED && !retryIds.containsKey(FlowStep.COMMIT_STOCK)) {
            ask(FlowStep.COMMIT_STOCK, new CommitOrderStock(orderId));
        }
    }

    private void refundPayment() {
        if (payment == Payment.AUTHORIZED) {
            send(new RefundPayment(paymentId));
            payment = Payment.REFUNDED;
        }
    }

    private void reject(RejectionReason reason) {
        if (outcome == Outcome.OPEN) {
            send(new RejectOrder(orderId, reason));
            outcome = Outcome.REJECTED;
        }
    }

    private void cancel(CancellationReason reason) {
        if (outcome == Outcome.OPEN) {
            send(new CancelOrder(orderId, reason));
            outcome = Outcome.CANCELLED;
        }
    }

    // --- plumbing ---

    private void send(Object command) {
        commandGateway.sendAndWait(SagaCommands.inFlow(command, orderId, ACTOR));
    }
}

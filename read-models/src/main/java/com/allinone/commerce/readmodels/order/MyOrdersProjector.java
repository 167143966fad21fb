package com.allinone.commerce.readmodels.order;

import static com.allinone.commerce.readmodels.common.Documents.money;
import static com.allinone.commerce.readmodels.common.Documents.pricedLines;

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
import com.allinone.commerce.api.payment.PaymentAuthorized;
import com.allinone.commerce.api.payment.PaymentDeclined;
import com.allinone.commerce.api.payment.PaymentExpired;
import com.allinone.commerce.api.payment.PaymentRefunded;
import com.allinone.commerce.api.payment.PaymentRequested;
import com.allinone.commerce.api.payment.PaymentVoided;
import com.allinone.commerce.api.shipping.ShipmentCancelled;
import com.allinone.commerce.api.shipping.ShipmentCreated;
import com.allinone.commerce.api.shipping.ShipmentDelivered;
import com.allinone.commerce.api.shipping.ShipmentDispatched;
import com.allinone.commerce.api.shipping.ShipmentFailed;
import com.allinone.commerce.readmodels.common.SourcedDocuments;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * "My orders" (DESIGN §6): one document per order with its owner, priced lines, units, total, status and status
 * timeline, and the state of its payment and shipment; and each customer's list of orders
 * ({@link CustomerOrderIndex}). Fed by three aggregates, each guarded by its own sequence
 * ({@link SourcedDocuments}). The timeline's entries carry the Order event's sequence: they are what the live status
 * stream sends, with that sequence as the event id.
 */
@ProcessingGroup(MyOrdersProjector.PROCESSING_GROUP)
public class MyOrdersProjector {

    public static final String PROCESSING_GROUP = "my-orders";
    public static final String COLLECTION = "my_orders";
    static final String ORDER = "order";
    static final String PAYMENT = "payment";
    static final String SHIPMENT = "shipment";

    private final SourcedDocuments orders;
    private final CustomerOrderIndex index;

    public MyOrdersProjector(ReactiveMongoTemplate mongo, OrderChanges changes) {
        this(mongo, COLLECTION, changes);
    }

    /** A projector writing into another collection than the live one (a rebuild's shadow). */
    public MyOrdersProjector(ReactiveMongoTemplate mongo, String collection, OrderChanges changes) {
        this.orders = new SourcedDocuments(mongo, collection, List.of(ORDER, PAYMENT, SHIPMENT), changes::changed);
        this.index = new CustomerOrderIndex(mongo, collection);
    }

    // --- the order ---

    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Update placed = new Update()
                .set("customerId", event.customerId())
                .set("placedAt", Date.from(at))
                .set("lines", pricedLines(event.lines()))
                .set("units", event.units())
                .set("total", money(event.total()))
                .set("cancellationRequested", false);
        orders.start(event.orderId(), ORDER, sequence, status(placed, OrderStatus.PLACED, sequence, at));
        // Also when the order's document already had this event: the index may not (it is written after it).
        index.add(event.customerId(), event.orderId(), at);
    }

    @EventHandler
    void on(OrderStockReserved event, @SequenceNumber long sequence, @Timestamp Instant at) {
        order(event.orderId(), sequence, status(new Update().set("stock", "RESERVED"), OrderStatus.STOCK_RESERVED,
                sequence, at));
    }

    @EventHandler
    void on(OrderPaid event, @SequenceNumber long sequence, @Timestamp Instant at) {
        order(event.orderId(), sequence, status(new Update(), OrderStatus.PAID, sequence, at));
    }

    @EventHandler
    void on(OrderConfirmed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        order(event.orderId(), sequence, status(new Update(), OrderStatus.CONFIRMED, sequence, at));
    }

    @EventHandler
    void on(OrderShipped event, @SequenceNumber long sequence, @Timestamp Instant at) {
        order(event.orderId(), sequence, status(new Update(), OrderStatus.SHIPPED, sequence, at));
    }

    @EventHandler
    void on(OrderDelivered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        order(event.orderId(), sequence, status(new Update(), OrderStatus.DELIVERED, sequence, at));
    }

    @EventHandler
    void on(OrderRejected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        order(event.orderId(), sequence, status(new Update().set("rejectionReason", event.reason().name()),
                OrderStatus.REJECTED, sequence, at));
    }

    @EventHandler
    void on(OrderCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        order(event.orderId(), sequence, status(new Update().set("cancellationReason", event.reason().name())
                .set("cancellationRequested", false), OrderStatus.CANCELLED, sequence, at));
    }

    @EventHandler
    void on(OrderCancellationRequested event, @SequenceNumber long sequence) {
        order(event.orderId(), sequence, new Update().set("cancellationRequested", true));
    }

    @EventHandler
    void on(OrderCancellationRejected event, @SequenceNumber long sequence) {
        order(event.orderId(), sequence, new Update().set("cancellationRequested", false)
                .set("cancellationRefusal", event.reason()));
    }

    @EventHandler
    void on(OrderStockReleased event, @SequenceNumber long sequence) {
        order(event.orderId(), sequence, new Update().set("stock", "RELEASED"));
    }

    @EventHandler
    void on(OrderStockCommitted event, @SequenceNumber long sequence) {
        order(event.orderId(), sequence, new Update().set("stock", "COMMITTED"));
    }

    // --- its payment ---

    @EventHandler
    void on(PaymentRequested event, @SequenceNumber long sequence) {
        payment(event.orderId(), sequence, new Update()
                .set("payment", new Document("paymentId", event.paymentId()).append("state", "REQUESTED")
                        .append("amount", money(event.amount()))));
    }

    @EventHandler
    void on(PaymentAuthorized event, @SequenceNumber long sequence) {
        payment(event.orderId(), sequence, paymentState("AUTHORIZED"));
    }

    @EventHandler
    void on(PaymentDeclined event, @SequenceNumber long sequence) {
        payment(event.orderId(), sequence, paymentState("DECLINED"));
    }

    @EventHandler
    void on(PaymentExpired event, @SequenceNumber long sequence) {
        payment(event.orderId(), sequence, paymentState("EXPIRED"));
    }

    @EventHandler
    void on(PaymentVoided event, @SequenceNumber long sequence) {
        payment(event.orderId(), sequence, paymentState("VOIDED"));
    }

    @EventHandler
    void on(PaymentRefunded event, @SequenceNumber long sequence) {
        payment(event.orderId(), sequence, paymentState("REFUNDED"));
    }

    // --- its shipment ---

    @EventHandler
    void on(ShipmentCreated event, @SequenceNumber long sequence) {
        shipment(event.orderId(), sequence, new Update()
                .set("shipment", new Document("shipmentId", event.shipmentId()).append("state", "CREATED")));
    }

    @EventHandler
    void on(ShipmentFailed event, @SequenceNumber long sequence) {
        shipment(event.orderId(), sequence, shipmentState("FAILED"));
    }

    @EventHandler
    void on(ShipmentDispatched event, @SequenceNumber long sequence) {
        shipment(event.orderId(), sequence, shipmentState("DISPATCHED"));
    }

    @EventHandler
    void on(ShipmentDelivered event, @SequenceNumber long sequence) {
        shipment(event.orderId(), sequence, shipmentState("DELIVERED"));
    }

    @EventHandler
    void on(ShipmentCancelled event, @SequenceNumber long sequence) {
        shipment(event.orderId(), sequence, shipmentState("CANCELLED"));
    }

    // --- plumbing ---

    /** A status change: the status, and a timeline entry carrying the Order event's sequence. */
    private static Update status(Update update, OrderStatus status, long sequence, Instant at) {
        return update.set("status", status.name())
                .push("timeline", new Document("status", status.name()).append("at", Date.from(at))
                        .append("sequence", sequence));
    }

    private static Update paymentState(String state) {
        return new Update().set("payment.state", state);
    }

    private static Update shipmentState(String state) {
        return new Update().set("shipment.state", state);
    }

    private void order(String orderId, long sequence, Update change) {
        orders.apply(orderId, ORDER, sequence, change);
    }

    private void payment(String orderId, long sequence, Update change) {
        orders.apply(orderId, PAYMENT, sequence, change);
    }

    private void shipment(String orderId, long sequence, Update change) {
        orders.apply(orderId, SHIPMENT, sequence, change);
    }
}

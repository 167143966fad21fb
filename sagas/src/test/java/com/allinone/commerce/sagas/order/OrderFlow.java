package com.allinone.commerce.sagas.order;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.common.ShippingAddress;
import com.allinone.commerce.api.inventory.CommitOrderStock;
import com.allinone.commerce.api.inventory.ReleaseOrderStock;
import com.allinone.commerce.api.inventory.ReserveOrderStock;
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
import com.allinone.commerce.api.order.OrderStockCommitted;
import com.allinone.commerce.api.order.OrderStockReleased;
import com.allinone.commerce.api.order.OrderStockReserved;
import com.allinone.commerce.api.order.RejectOrder;
import com.allinone.commerce.api.order.RejectOrderCancellation;
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.api.payment.ChargePayment;
import com.allinone.commerce.api.payment.ExpirePayment;
import com.allinone.commerce.api.payment.PaymentAuthorized;
import com.allinone.commerce.api.payment.PaymentDeclined;
import com.allinone.commerce.api.payment.PaymentExpired;
import com.allinone.commerce.api.payment.RefundPayment;
import com.allinone.commerce.api.payment.RequestPayment;
import com.allinone.commerce.api.shipping.BookShipment;
import com.allinone.commerce.api.shipping.CancelShipment;
import com.allinone.commerce.api.shipping.CreateShipment;
import com.allinone.commerce.api.shipping.ShipmentBooked;
import com.allinone.commerce.api.shipping.ShipmentCancelled;
import com.allinone.commerce.api.shipping.ShipmentDelivered;
import com.allinone.commerce.api.shipping.ShipmentDispatched;
import com.allinone.commerce.api.shipping.ShipmentFailed;
import java.util.List;
import java.util.UUID;

/**
 * The events and commands of one order flow: the events the saga reacts to, and the commands (steps and asks to the
 * participants) it must send for them. Two lines, so that a command carrying the wrong lines cannot pass unnoticed.
 */
record OrderFlow(String orderId) {

    static final String CUSTOMER = "alice";
    static final Money UNIT_PRICE = Money.of(1_000, "KRW");

    static OrderFlow fresh() {
        return new OrderFlow(UUID.randomUUID().toString());
    }

    String paymentId() {
        return FlowIds.paymentId(orderId);
    }

    String shipmentId() {
        return FlowIds.shipmentId(orderId);
    }

    List<OrderLine> lines() {
        return List.of(new OrderLine("SKU-RUNNER", 2), new OrderLine("SKU-SOCKS", 1));
    }

    Money total() {
        return lines().stream().map(line -> UNIT_PRICE.times(line.quantity())).reduce(Money::plus).orElseThrow();
    }

    ShippingAddress address() {
        return new ShippingAddress("Alice Kim", "1 Sejong-daero", null, "Seoul", "04524", "KR");
    }

    // --- events ---

    /** Placed with its stock taken at the door: OrderStockReserved follows in the same commit. */
    OrderPlaced placedWithStockHeld() {
        return placed(true);
    }

    /** Placed while the door could not reach the stock gate: the saga must reserve it. */
    OrderPlaced placedWaitingForStock() {
        return placed(false);
    }

    private OrderPlaced placed(boolean stockHeld) {
        List<PricedLine> priced = lines().stream().map(line -> PricedLine.of(line, UNIT_PRICE)).toList();
        return new OrderPlaced(orderId, CUSTOMER, priced, total(), address(), "request-hash", stockHeld,
                OrderPlaced.unitsOf(priced));
    }

    OrderStockReserved stockReserved() {
        return new OrderStockReserved(orderId, lines());
    }

    OrderStockReleased stockReleased() {
        return new OrderStockReleased(orderId, lines());
    }

    OrderStockCommitted stockCommitted() {
        return new OrderStockCommitted(orderId, lines());
    }

    PaymentAuthorized paymentAuthorized() {
        return new PaymentAuthorized(paymentId(), orderId, total(), "gw-" + orderId);
    }

    PaymentDeclined paymentDeclined() {
        return new PaymentDeclined(paymentId(), orderId, "insufficient-funds");
    }

    PaymentExpired paymentExpired() {
        return new PaymentExpired(paymentId(), orderId);
    }

    OrderCancellationRequested cancellationRequested() {
        return new OrderCancellationRequested(orderId, CUSTOMER);
    }

    ShipmentBooked shipmentBooked() {
        return new ShipmentBooked(shipmentId(), orderId);
    }

    ShipmentFailed shipmentFailed() {
        return new ShipmentFailed(shipmentId(), orderId, "no-delivery-to-04524");
    }

    ShipmentCancelled shipmentCancelled() {
        return new ShipmentCancelled(shipmentId(), orderId);
    }

    ShipmentDispatched dispatched() {
        return new ShipmentDispatched(shipmentId(), orderId);
    }

    ShipmentDelivered shipmentDelivered() {
        return new ShipmentDelivered(shipmentId(), orderId);
    }

    OrderDelivered orderDelivered() {
        return new OrderDelivered(orderId);
    }

    OrderRejected rejected(RejectionReason reason) {
        return new OrderRejected(orderId, reason);
    }

    OrderCancelled cancelled(CancellationReason reason) {
        return new OrderCancelled(orderId, reason);
    }

    // --- asks to the participants ---

    ReserveOrderStock reserveStock() {
        return new ReserveOrderStock(orderId, CUSTOMER, lines());
    }

    ReleaseOrderStock releaseStock() {
        return new ReleaseOrderStock(orderId);
    }

    CommitOrderStock commitStock() {
        return new CommitOrderStock(orderId);
    }

    ChargePayment chargePayment() {
        return new ChargePayment(paymentId(), orderId, total());
    }

    BookShipment bookShipment() {
        return new BookShipment(shipmentId(), orderId, address());
    }

    // --- commands to aggregates ---

    RequestPayment requestPayment() {
        return new RequestPayment(paymentId(), orderId, total());
    }

    ExpirePayment expirePayment() {
        return new ExpirePayment(paymentId());
    }

    RefundPayment refund() {
        return new RefundPayment(paymentId());
    }

    MarkOrderPaid markPaid() {
        return new MarkOrderPaid(orderId, paymentId());
    }

    ConfirmOrder confirm() {
        return new ConfirmOrder(orderId);
    }

    CreateShipment createShipment() {
        return new CreateShipment(shipmentId(), orderId, address(), lines());
    }

    CancelShipment cancelShipment() {
        return new CancelShipment(shipmentId());
    }

    MarkOrderShipped markShipped() {
        return new MarkOrderShipped(orderId, shipmentId());
    }

    MarkOrderDelivered markDelivered() {
        return new MarkOrderDelivered(orderId);
    }

    RejectOrder reject(RejectionReason reason) {
        return new RejectOrder(orderId, reason);
    }

    CancelOrder cancel(CancellationReason reason) {
        return new CancelOrder(orderId, reason);
    }

    RejectOrderCancellation refuseCancellation() {
        return new RejectOrderCancellation(orderId, OrderFulfillmentSaga.DISPATCHED_BEFORE_CANCEL);
    }
}

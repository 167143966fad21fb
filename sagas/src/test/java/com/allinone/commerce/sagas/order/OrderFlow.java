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
import com.allinone.commerce.api.order.RecordStockCommitted;
import com.allinone.commerce.api.order.RecordStockReleased;
import com.allinone.commerce.api.order.RecordStockReserved;
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
import java.util.List;
import java.util.UUID;

/** The events and commands of one order flow, with fresh ids, so each fixture run touches its own Redis keys. */
record OrderFlow(String orderId, String sku, int quantity, String postalCode) {

    static final String CUSTOMER = "alice";
    static final Money UNIT_PRICE = Money.of(1_000, "KRW");

    static OrderFlow of(String sku, int quantity) {
        return new OrderFlow(UUID.randomUUID().toString(), sku, quantity, "04524");
    }

    OrderFlow toPostalCode(String code) {
        return new OrderFlow(orderId, sku, quantity, code);
    }

    String paymentId() {
        return FlowIds.paymentId(orderId);
    }

    String shipmentId() {
        return FlowIds.shipmentId(orderId);
    }

    List<OrderLine> lines() {
        return List.of(new OrderLine(sku, quantity));
    }

    Money total() {
        return UNIT_PRICE.times(quantity);
    }

    ShippingAddress address() {
        return new ShippingAddress("Alice Kim", "1 Sejong-daero", null, "Seoul", postalCode, "KR");
    }

    // --- events ---

    OrderPlaced placed() {
        return new OrderPlaced(orderId, CUSTOMER, List.of(PricedLine.of(lines().get(0), UNIT_PRICE)), total(),
                address(), "request-hash");
    }

    OrderStockReserved stockReserved() {
        return new OrderStockReserved(orderId, lines());
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

    ShipmentFailed shipmentFailed() {
        return new ShipmentFailed(shipmentId(), orderId, "damaged-at-pickup");
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

    // --- commands ---

    RecordStockReserved recordReserved() {
        return new RecordStockReserved(orderId);
    }

    RecordStockReleased recordReleased() {
        return new RecordStockReleased(orderId);
    }

    RecordStockCommitted recordCommitted() {
        return new RecordStockCommitted(orderId);
    }

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

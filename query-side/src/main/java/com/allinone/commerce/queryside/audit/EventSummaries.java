package com.allinone.commerce.queryside.audit;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.order.OrderCancellationRejected;
import com.allinone.commerce.api.order.OrderCancellationRequested;
import com.allinone.commerce.api.order.OrderCancelled;
import com.allinone.commerce.api.order.OrderConfirmed;
import com.allinone.commerce.api.order.OrderDelivered;
import com.allinone.commerce.api.order.OrderPaid;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderShipped;
import com.allinone.commerce.api.order.OrderStockCommitted;
import com.allinone.commerce.api.order.OrderStockReleased;
import com.allinone.commerce.api.order.OrderStockReserved;
import com.allinone.commerce.api.payment.PaymentAuthorized;
import com.allinone.commerce.api.payment.PaymentDeclined;
import com.allinone.commerce.api.payment.PaymentExpired;
import com.allinone.commerce.api.payment.PaymentRefunded;
import com.allinone.commerce.api.payment.PaymentRequested;
import com.allinone.commerce.api.payment.PaymentVoided;
import com.allinone.commerce.api.shipping.ShipmentBooked;
import com.allinone.commerce.api.shipping.ShipmentCancelled;
import com.allinone.commerce.api.shipping.ShipmentCreated;
import com.allinone.commerce.api.shipping.ShipmentDelivered;
import com.allinone.commerce.api.shipping.ShipmentDispatched;
import com.allinone.commerce.api.shipping.ShipmentFailed;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One line in plain words for each event of an order flow, as an auditor reads a timeline: "placed 1 line (2 units),
 * total 258000 KRW", "payment authorized". Amounts stay in minor units with their currency, as everywhere in the API.
 * An event type without a line of its own (one added later) is described by its name, so no event is left out.
 */
public final class EventSummaries {

    private static final Map<Class<?>, Function<Object, String>> LINES = new HashMap<>();

    static {
        // Order: placement, the stock gate's reservation, payment and shipping steps, the ways it ends.
        on(OrderPlaced.class, e -> "placed " + count(e.lines().size(), "line") + " ("
                + count(e.units(), "unit") + "), total "
                + money(e.total()) + (e.stockHeld() ? "" : ", waiting for stock"));
        on(OrderStockReserved.class, e -> "stock reserved: " + lines(e.lines()));
        on(OrderStockReleased.class, e -> "stock released: " + lines(e.lines()));
        on(OrderStockCommitted.class, e -> "stock committed: " + lines(e.lines()));
        on(OrderPaid.class, e -> "order marked paid");
        on(OrderConfirmed.class, e -> "order confirmed");
        on(OrderShipped.class, e -> "order shipped");
        on(OrderDelivered.class, e -> "order delivered");
        on(OrderRejected.class, e -> "order rejected: " + words(e.reason()));
        on(OrderCancellationRequested.class, e -> "cancellation requested by " + e.customerId());
        on(OrderCancellationRejected.class, e -> "cancellation refused: " + e.reason());
        on(OrderCancelled.class, e -> "order cancelled: " + words(e.reason()));
        // Payment: asked, then answered by the provider or given up.
        on(PaymentRequested.class, e -> "payment of " + money(e.amount()) + " requested");
        on(PaymentAuthorized.class, e -> "payment authorized: " + money(e.amount()) + " (ref " + e.gatewayRef() + ")");
        on(PaymentDeclined.class, e -> "payment declined: " + e.reason());
        on(PaymentExpired.class, e -> "payment expired without an answer");
        on(PaymentVoided.class, e -> "late authorization voided (ref " + e.gatewayRef() + ")");
        on(PaymentRefunded.class, e -> "payment refunded: " + money(e.amount()));
        // Shipment: booked with the carrier, then moved by the warehouse.
        on(ShipmentCreated.class, e -> "shipment created: " + lines(e.lines()) + " to " + e.address().city() + ", "
                + e.address().country());
        on(ShipmentBooked.class, e -> "shipment booked with the carrier");
        on(ShipmentFailed.class, e -> "carrier refused the shipment: " + e.reason());
        on(ShipmentDispatched.class, e -> "shipment dispatched");
        on(ShipmentDelivered.class, e -> "shipment delivered");
        on(ShipmentCancelled.class, e -> "shipment cancelled");
    }

    private EventSummaries() {
    }

    public static String of(Object payload) {
        Function<Object, String> line = LINES.get(payload.getClass());
        return line != null ? line.apply(payload) : words(payload.getClass().getSimpleName());
    }

    private static <E> void on(Class<E> type, Function<E, String> line) {
        LINES.put(type, payload -> line.apply(type.cast(payload)));
    }

    private static String money(Money money) {
        return money.amount() + " " + money.currency();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String lines(List<OrderLine> lines) {
        return lines.stream().map(l -> l.quantity() + " × " + l.sku()).collect(Collectors.joining(", "));
    }

    /** {@code PAYMENT_DECLINED} → "payment declined"; {@code OrderSplit} → "order split". */
    static String words(Object name) {
        return name.toString().replace('_', ' ').replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }
}

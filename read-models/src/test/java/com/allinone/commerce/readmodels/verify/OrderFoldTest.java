package com.allinone.commerce.readmodels.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.common.ShippingAddress;
import com.allinone.commerce.api.order.CancellationReason;
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
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.api.payment.PaymentRequested;
import com.allinone.commerce.readmodels.common.Documents;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;

/** Events folded into the digests a {@code my_orders} document must match (the rules of MyOrdersProjector). */
class OrderFoldTest {

    private final OrderFold fold = new OrderFold();

    static OrderPlaced placed(String orderId, PricedLine... lines) {
        Money total = List.of(lines).stream().map(PricedLine::lineTotal).reduce(Money::plus).orElseThrow();
        return new OrderPlaced(orderId, "alice", List.of(lines), total,
                new ShippingAddress("Alice Kim", "1 Sejong-daero", null, "Seoul", "04524", "KR"), "v2:hash", true,
                OrderPlaced.unitsOf(List.of(lines)));
    }

    static PricedLine line(String sku, int quantity, long unitPrice) {
        return PricedLine.of(new OrderLine(sku, quantity), Money.of(unitPrice, "KRW"));
    }

    @Test
    void aPlacedOrderIsPlacedWithItsTotalAndLinesAndFirstPosition() {
        String orderId = UUID.randomUUID().toString();
        OrderPlaced placed = placed(orderId, line("SKU-1", 2, 129_000), line("SKU-2", 1, 5_000));

        fold.apply(placed, 0, 41);

        OrderDigest digest = fold.digestOf(orderId).orElseThrow();
        assertThat(digest.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(digest.lastOrderSequence()).isZero();
        assertThat(digest.firstPosition()).isEqualTo(41);
        assertThat(digest.total()).isEqualTo(Money.of(263_000, "KRW"));
        // The fingerprint of the lines as the projector writes them is the fingerprint of the event's lines.
        assertThat(OptionalLong.of(digest.linesFingerprint()))
                .isEqualTo(LinesFingerprint.ofDocument(Documents.pricedLines(placed.lines())));
    }

    @Test
    void eachStatusEventSetsItsStatusAndEveryOrderEventMovesTheSequence() {
        String orderId = UUID.randomUUID().toString();
        fold.apply(placed(orderId, line("SKU-1", 1, 1_000)), 0, 1);
        fold.apply(new OrderStockReserved(orderId, List.of(new OrderLine("SKU-1", 1))), 1, 2);
        assertThat(statusOf(orderId)).isEqualTo(OrderStatus.STOCK_RESERVED);
        fold.apply(new OrderPaid(orderId, "pay-1"), 2, 5);
        assertThat(statusOf(orderId)).isEqualTo(OrderStatus.PAID);
        fold.apply(new OrderConfirmed(orderId), 3, 6);
        assertThat(statusOf(orderId)).isEqualTo(OrderStatus.CONFIRMED);
        fold.apply(new OrderCancellationRequested(orderId, "alice"), 4, 8);
        fold.apply(new OrderCancellationRejected(orderId, "already dispatched"), 5, 9);
        fold.apply(new OrderStockCommitted(orderId, List.of(new OrderLine("SKU-1", 1))), 6, 10);
        assertThat(statusOf(orderId)).isEqualTo(OrderStatus.CONFIRMED);
        fold.apply(new OrderShipped(orderId, "ship-1"), 7, 11);
        assertThat(statusOf(orderId)).isEqualTo(OrderStatus.SHIPPED);
        fold.apply(new OrderDelivered(orderId), 8, 12);

        OrderDigest digest = fold.digestOf(orderId).orElseThrow();
        assertThat(digest.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(digest.lastOrderSequence()).isEqualTo(8);
        assertThat(digest.firstPosition()).isEqualTo(1);
    }

    @Test
    void rejectedAndCancelledOrdersEndSoAndAReleaseAfterwardsKeepsTheStatus() {
        String rejected = UUID.randomUUID().toString();
        String cancelled = UUID.randomUUID().toString();
        fold.apply(placed(rejected, line("SKU-1", 1, 1_000)), 0, 1);
        fold.apply(new OrderRejected(rejected, RejectionReason.PAYMENT_DECLINED), 1, 2);
        fold.apply(placed(cancelled, line("SKU-1", 1, 1_000)), 0, 3);
        fold.apply(new OrderCancelled(cancelled, CancellationReason.CUSTOMER), 1, 4);
        fold.apply(new OrderStockReleased(cancelled, List.of(new OrderLine("SKU-1", 1))), 2, 5);

        assertThat(statusOf(rejected)).isEqualTo(OrderStatus.REJECTED);
        assertThat(statusOf(cancelled)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(fold.digestOf(cancelled).orElseThrow().lastOrderSequence()).isEqualTo(2);
        assertThat(fold.statusCounts()).containsExactly(Map.entry("REJECTED", 1L), Map.entry("CANCELLED", 1L));
    }

    @Test
    void anEventAtOrBelowTheAppliedSequenceChangesNothingAsInTheProjector() {
        String orderId = UUID.randomUUID().toString();
        fold.apply(placed(orderId, line("SKU-1", 1, 1_000)), 0, 1);
        fold.apply(new OrderConfirmed(orderId), 3, 6);

        fold.apply(new OrderPaid(orderId, "pay-1"), 2, 5);

        assertThat(statusOf(orderId)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(fold.digestOf(orderId).orElseThrow().lastOrderSequence()).isEqualTo(3);
    }

    @Test
    void everyEventIsCountedButOnlyOrderEventsAreFolded() {
        String orderId = UUID.randomUUID().toString();
        fold.apply(tracked(orderId, 0, 7, placed(orderId, line("SKU-1", 3, 2_000))));
        fold.apply(tracked(UUID.randomUUID().toString(), 0, 8,
                new PaymentRequested("pay-1", orderId, Money.of(6_000, "KRW"))));
        fold.apply(tracked(orderId, 1, 9, new OrderConfirmed(orderId)));

        assertThat(fold.eventsRead()).isEqualTo(3);
        assertThat(fold.orders()).isEqualTo(1);
        OrderDigest digest = fold.digestOf(orderId).orElseThrow();
        assertThat(digest.firstPosition()).isEqualTo(7);
        assertThat(digest.lastOrderSequence()).isEqualTo(1);
        assertThat(digest.status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void manyOrdersKeepTheirOwnDigestsWhateverTheirIds() {
        int orders = 5_000;
        for (int i = 0; i < orders; i++) {
            String orderId = i % 1000 == 0 ? "legacy-" + i : new UUID(i * 31L, -i).toString();
            fold.apply(placed(orderId, line("SKU-" + i, 1 + i % 7, 100 + i)), 0, i);
        }

        assertThat(fold.orders()).isEqualTo(orders);
        for (int i = 0; i < orders; i++) {
            String orderId = i % 1000 == 0 ? "legacy-" + i : new UUID(i * 31L, -i).toString();
            OrderDigest digest = fold.digestAt(i);
            assertThat(digest.orderId()).isEqualTo(orderId);
            assertThat(fold.digestOf(orderId)).contains(digest);
            assertThat(digest.total()).isEqualTo(Money.of((100L + i) * (1 + i % 7), "KRW"));
            assertThat(digest.firstPosition()).isEqualTo(i);
        }
        assertThat(fold.contains(UUID.randomUUID().toString())).isFalse();
        assertThat(fold.contains("legacy-1")).isFalse();
        assertThat(fold.statusCounts()).containsExactly(Map.entry("PLACED", (long) orders));
    }

    @Test
    void aCurrencyOfThreeLettersSurvivesPacking() {
        for (String code : List.of("KRW", "USD", "EUR", "ZZZ", "AAA")) {
            assertThat(OrderDigestTable.unpackCurrency(OrderDigestTable.packCurrency(code))).isEqualTo(code);
        }
        assertThat(OrderDigestTable.packCurrency("krw")).isEqualTo(OrderDigestTable.NO_CURRENCY);
    }

    private OrderStatus statusOf(String orderId) {
        return fold.digestOf(orderId).orElseThrow().status();
    }

    private static GenericTrackedDomainEventMessage<Object> tracked(String aggregateId, long sequence, long position,
                                                                   Object payload) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>("Order", aggregateId, sequence, payload));
    }
}

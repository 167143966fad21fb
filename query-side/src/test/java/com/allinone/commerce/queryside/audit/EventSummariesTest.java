package com.allinone.commerce.queryside.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.common.ShippingAddress;
import com.allinone.commerce.api.order.OrderCancelled;
import com.allinone.commerce.api.order.CancellationReason;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderStockReserved;
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.api.payment.PaymentAuthorized;
import com.allinone.commerce.api.payment.PaymentRefunded;
import com.allinone.commerce.api.shipping.ShipmentCreated;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSummariesTest {

    private static final ShippingAddress SEOUL = new ShippingAddress("Kim Minji", "1 Sejong-daero", null, "Seoul",
            "04524", "KR");
    private static final Money UNIT = Money.of(129_000, "KRW");

    @Test
    void aPlacedOrderSaysHowManyLinesAndUnitsAndTheTotal() {
        OrderPlaced placed = new OrderPlaced("o-1", "alice",
                List.of(PricedLine.of(new OrderLine("SKU-1", 2), UNIT), PricedLine.of(new OrderLine("SKU-2", 1), UNIT)),
                Money.of(387_000, "KRW"), SEOUL, "hash", true, 3);

        assertThat(EventSummaries.of(placed)).isEqualTo("placed 2 lines (3 units), total 387000 KRW");
    }

    @Test
    void anOrderThatWaitsForStockSaysSo() {
        OrderPlaced placed = new OrderPlaced("o-1", "alice", List.of(PricedLine.of(new OrderLine("SKU-1", 2), UNIT)),
                Money.of(258_000, "KRW"), SEOUL, "hash", false, 2);

        assertThat(EventSummaries.of(placed)).isEqualTo("placed 1 line (2 units), total 258000 KRW, waiting for stock");
    }

    @Test
    void stockMovesNameTheUnitsAndSkus() {
        assertThat(EventSummaries.of(new OrderStockReserved("o-1",
                List.of(new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 1)))))
                .isEqualTo("stock reserved: 2 × SKU-1, 1 × SKU-2");
    }

    @Test
    void paymentsSayWhatHappenedToTheMoney() {
        assertThat(EventSummaries.of(new PaymentAuthorized("p-1", "o-1", Money.of(258_000, "KRW"), "sim-42")))
                .isEqualTo("payment authorized: 258000 KRW (ref sim-42)");
        assertThat(EventSummaries.of(new PaymentRefunded("p-1", "o-1", Money.of(258_000, "KRW"))))
                .isEqualTo("payment refunded: 258000 KRW");
    }

    @Test
    void reasonsReadAsWords() {
        assertThat(EventSummaries.of(new OrderRejected("o-1", RejectionReason.PAYMENT_DECLINED)))
                .isEqualTo("order rejected: payment declined");
        assertThat(EventSummaries.of(new OrderCancelled("o-1", CancellationReason.SHIPMENT_FAILED)))
                .isEqualTo("order cancelled: shipment failed");
    }

    @Test
    void aShipmentSaysWhatGoesWhere() {
        assertThat(EventSummaries.of(new ShipmentCreated("s-1", "o-1", SEOUL, List.of(new OrderLine("SKU-1", 2)))))
                .isEqualTo("shipment created: 2 × SKU-1 to Seoul, KR");
    }

    private record GiftWrapped(String orderId) {
    }

    @Test
    void anEventWithoutALineOfItsOwnIsDescribedByItsName() {
        assertThat(EventSummaries.of(new GiftWrapped("o-1"))).isEqualTo("gift wrapped");
    }
}

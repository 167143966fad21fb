package com.allinone.commerce.commandside.order;

import static com.allinone.commerce.commandside.common.FlowMessages.inFlow;
import static com.allinone.commerce.commandside.common.Rejections.conflict;
import static com.allinone.commerce.commandside.common.Rejections.notFound;
import static com.allinone.commerce.commandside.common.Rejections.unprocessable;

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
import com.allinone.commerce.api.inventory.StockDoor;
import com.allinone.commerce.api.common.Rejection;
import java.util.concurrent.CompletableFuture;
import static org.assertj.core.api.Assertions.assertThat;
import com.allinone.commerce.api.order.RecordStockCommitted;
import com.allinone.commerce.api.order.RecordStockReleased;
import com.allinone.commerce.api.order.RecordStockReserved;
import com.allinone.commerce.api.order.RejectOrder;
import com.allinone.commerce.api.order.RejectOrderCancellation;
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.api.order.RequestOrderCancellation;
import com.allinone.commerce.commandside.catalog.CatalogLookup;
import com.allinone.commerce.commandside.common.RejectedCommand;
import com.allinone.commerce.commandside.common.RejectionTranslator;
import com.allinone.commerce.commandside.order.OrderPlacement.Placed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The order's status graph (DESIGN §3): every allowed move, every forbidden one, and every repeat of a move that
 * already took effect. Forbidden-move tests run over the statuses an order reaches through {@link #history}.
 */
class OrderTest {

    private static final String CUSTOMER = "alice";
    private static final String ORDER_ID = FlowIds.orderId(CUSTOMER, "key-1");
    private static final String PAYMENT_ID = FlowIds.paymentId(ORDER_ID);
    private static final String SHIPMENT_ID = FlowIds.shipmentId(ORDER_ID);
    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Alice Kim", "1 Sejong-daero", null, "Seoul", "04524", "KR");

    private static final CatalogLookup.ListedProduct MUG =
            new CatalogLookup.ListedProduct("MUG-01", "Mug", Money.of(12_000, "KRW"), false);
    private static final CatalogLookup.ListedProduct TEE =
            new CatalogLookup.ListedProduct("TEE-02", "Tee", Money.of(25_000, "KRW"), false);

    private static final List<OrderLine> LINES = List.of(new OrderLine("MUG-01", 2), new OrderLine("TEE-02", 1));

    private static final OrderPlaced ORDER_PLACED = new OrderPlaced(ORDER_ID, CUSTOMER,
            List.of(new PricedLine("MUG-01", 2, Money.of(12_000, "KRW"), Money.of(24_000, "KRW")),
                    new PricedLine("TEE-02", 1, Money.of(25_000, "KRW"), Money.of(25_000, "KRW"))),
            Money.of(49_000, "KRW"), ADDRESS, RequestFingerprint.of(LINES, ADDRESS), false, 3);
    private static final OrderPlaced ORDER_PLACED_WITH_STOCK_HELD = new OrderPlaced(ORDER_ID, CUSTOMER,
            ORDER_PLACED.lines(), ORDER_PLACED.total(), ADDRESS, ORDER_PLACED.requestHash(), true, 3);
    private static final OrderStockReserved ORDER_STOCK_RESERVED = new OrderStockReserved(ORDER_ID, LINES);
    private static final OrderPaid ORDER_PAID = new OrderPaid(ORDER_ID, PAYMENT_ID);
    private static final OrderConfirmed ORDER_CONFIRMED = new OrderConfirmed(ORDER_ID);
    private static final OrderStockCommitted ORDER_STOCK_COMMITTED = new OrderStockCommitted(ORDER_ID, LINES);
    private static final OrderShipped ORDER_SHIPPED = new OrderShipped(ORDER_ID, SHIPMENT_ID);
    private static final OrderDelivered ORDER_DELIVERED = new OrderDelivered(ORDER_ID);
    private static final OrderStockReleased ORDER_STOCK_RELEASED = new OrderStockReleased(ORDER_ID, LINES);
    private static final OrderCancellationRequested CANCELLATION_REQUESTED =
            new OrderCancellationRequested(ORDER_ID, CUSTOMER);
    private static final OrderCancelled CANCELLED_BY_CUSTOMER =
            new OrderCancelled(ORDER_ID, CancellationReason.CUSTOMER);

    private AggregateTestFixture<Order> fixture;
    private final StubCatalog catalog = new StubCatalog();
    private final StubDoor door = new StubDoor();

    @BeforeEach
    void setUp() {
        catalog.list(MUG);
        catalog.list(TEE);
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerAnnotatedCommandHandler(new OrderPlacement(fixture.getRepository(), catalog, door));
        fixture.registerCommandHandlerInterceptor(new RejectionTranslator());
    }

    /**
     * The events that bring an order to {@code status} along the saga's path (DESIGN §4). REJECTED and CANCELLED are
     * reached before any stock was reserved; tests where reserved stock matters build their own history.
     */
    private static List<Object> history(OrderStatus status) {
        return switch (status) {
            case PLACED -> List.of(ORDER_PLACED);
            case STOCK_RESERVED -> List.of(ORDER_PLACED, ORDER_STOCK_RESERVED);
            case PAID -> then(history(OrderStatus.STOCK_RESERVED), ORDER_PAID);
            case CONFIRMED -> then(history(OrderStatus.PAID), ORDER_CONFIRMED);
            case SHIPPED -> then(history(OrderStatus.CONFIRMED), ORDER_STOCK_COMMITTED, ORDER_SHIPPED);
            case DELIVERED -> then(history(OrderStatus.SHIPPED), ORDER_DELIVERED);
            case REJECTED -> List.of(ORDER_PLACED, new OrderRejected(ORDER_ID, RejectionReason.OUT_OF_STOCK));
            case CANCELLED -> List.of(ORDER_PLACED, CANCELLATION_REQUESTED, CANCELLED_BY_CUSTOMER);
        };
    }

    private static List<Object> then(List<Object> history, Object... more) {
        List<Object> events = new ArrayList<>(history);
        events.addAll(List.of(more));
        return events;
    }

    @Nested
    class Placing {

        private PlaceOrder placeOrder(String customerId, List<OrderLine> lines) {
            return new PlaceOrder(ORDER_ID, customerId, lines, ADDRESS, RequestFingerprint.of(lines, ADDRESS));
        }

        @Test
        void pricesEveryLineFromTheCatalogTotalsThemAndAnswersTheOrderId() {
            fixture.givenNoPriorActivity()
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, ORDER_PLACED))
                    .expectResultMessagePayload(new Placed(ORDER_ID, 0L));
        }

        @Test
        void refusesAnOrderForAnUnknownProduct() {
            fixture.givenNoPriorActivity()
                    .when(placeOrder(CUSTOMER, List.of(new OrderLine("MUG-01", 1), new OrderLine("GHOST-9", 1))))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(unprocessable("unknown-product"));
        }

        @Test
        void refusesAnOrderForADiscontinuedProduct() {
            catalog.list(new CatalogLookup.ListedProduct("TEE-02", "Tee", Money.of(25_000, "KRW"), true));

            fixture.givenNoPriorActivity()
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(unprocessable("product-discontinued"));
        }

        @Test
        void refusesAnOrderWhoseProductsArePricedInDifferentCurrencies() {
            catalog.list(new CatalogLookup.ListedProduct("TEE-02", "Tee", Money.of(1_999, "USD"), false));

            fixture.givenNoPriorActivity()
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(unprocessable("mixed-currencies"));
        }

        @Test
        void theSameRequestAgainAnswersTheSameOrderAndChangesNothing() {
            fixture.given(ORDER_PLACED)
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new Placed(ORDER_ID, 0L));
        }

        @Test
        void storesTheOrderWithItsStockHeldWhenTheDoorReservedEveryLine() {
            door.answer = StockDoor.Answer.of(StockDoor.Outcome.RESERVED);

            fixture.givenNoPriorActivity()
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, ORDER_PLACED_WITH_STOCK_HELD),
                            inFlow(ORDER_ID, ORDER_STOCK_RESERVED))
                    .expectResultMessagePayload(new Placed(ORDER_ID, 1L));
            assertThat(door.reserved).containsExactly(ORDER_ID);
        }

        @Test
        void refusesAnOrderWithAShortLineNamingItAndStoresNothing() {
            door.answer = new StockDoor.Answer(StockDoor.Outcome.SHORT, List.of("TEE-02"));

            fixture.givenNoPriorActivity()
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("out-of-stock"))
                    .expectExceptionDetails(new org.hamcrest.CustomTypeSafeMatcher<Rejection>("naming TEE-02") {
                        @Override
                        protected boolean matchesSafely(Rejection rejection) {
                            return rejection.properties().get("skus").equals(List.of("TEE-02"));
                        }
                    });
        }

        @Test
        void refusesAnOrderOverTheCustomersPurchaseLimitNamingTheSkuAndStoresNothing() {
            door.answer = new StockDoor.Answer(StockDoor.Outcome.LIMIT, List.of("TEE-02"));

            fixture.givenNoPriorActivity()
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("purchase-limit-reached"))
                    .expectExceptionDetails(new org.hamcrest.CustomTypeSafeMatcher<Rejection>("naming TEE-02") {
                        @Override
                        protected boolean matchesSafely(Rejection rejection) {
                            return rejection.properties().get("skus").equals(List.of("TEE-02"));
                        }
                    });
            // The gate counts the limit per customer: it is told whose order this is.
            assertThat(door.customers).containsExactly(CUSTOMER);
        }

        @Test
        void asksACopyOfTheRequestThatHoldsTheStockToFinishFirst() {
            door.answer = StockDoor.Answer.of(StockDoor.Outcome.ALREADY_RESERVED);

            fixture.givenNoPriorActivity()
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectNoEvents()
                    .expectExceptionDetails(conflict("order-request-in-progress"));
        }

        @Test
        void refusesAKeyWhoseEarlierAttemptGaveItsStockBack() {
            door.answer = StockDoor.Answer.of(StockDoor.Outcome.RELEASED);

            fixture.givenNoPriorActivity()
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectNoEvents()
                    .expectExceptionDetails(conflict("idempotency-key-spent"));
        }

        @Test
        void neverAsksTheDoorForAnInvalidOrder() {
            door.answer = StockDoor.Answer.of(StockDoor.Outcome.RESERVED);

            fixture.givenNoPriorActivity()
                    .when(placeOrder(CUSTOMER, List.of(new OrderLine("GHOST-9", 1))))
                    .expectNoEvents()
                    .expectExceptionDetails(unprocessable("unknown-product"));
            assertThat(door.reserved).isEmpty();
        }

        @Test
        void aRetryOfAnOrderHeldAtTheDoorAnswersItsFirstTokenWithoutTheDoor() {
            door.answer = StockDoor.Answer.of(StockDoor.Outcome.SHORT);

            fixture.given(ORDER_PLACED_WITH_STOCK_HELD, ORDER_STOCK_RESERVED)
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new Placed(ORDER_ID, 1L));
            assertThat(door.reserved).isEmpty();
        }

        @Test
        void theSameRequestAgainSucceedsEvenAfterItsProductWasDiscontinued() {
            catalog.list(new CatalogLookup.ListedProduct("MUG-01", "Mug", Money.of(12_000, "KRW"), true));

            fixture.given(ORDER_PLACED)
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new Placed(ORDER_ID, 0L));
        }

        @Test
        void refusesAnotherRequestUnderAnIdempotencyKeyAlreadyUsed() {
            fixture.given(ORDER_PLACED)
                    .when(placeOrder(CUSTOMER, List.of(new OrderLine("MUG-01", 3))))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(unprocessable("idempotency-key-reused"));
        }

        @Test
        void refusesAnotherAddressUnderTheKeyEvenWhenItsFieldsJoinToTheSameText() {
            // Joined with U+001F, as fingerprints once were, these two addresses were the same text.
            ShippingAddress first = new ShippingAddress("A\u001fB", "C", null, "Seoul", "04524", "KR");
            ShippingAddress second = new ShippingAddress("A", "B\u001fC", null, "Seoul", "04524", "KR");
            OrderPlaced placed = new OrderPlaced(ORDER_ID, CUSTOMER, ORDER_PLACED.lines(), ORDER_PLACED.total(), first,
                    RequestFingerprint.of(LINES, first), false, 3);

            fixture.given(placed)
                    .when(new PlaceOrder(ORDER_ID, CUSTOMER, LINES, second, RequestFingerprint.of(LINES, second)))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(unprocessable("idempotency-key-reused"));
        }

        @Test
        void theSameRequestAgainAnswersAnOrderPlacedBeforeFingerprintsWereCanonicalJson() {
            OrderPlaced placedBefore = new OrderPlaced(ORDER_ID, CUSTOMER, ORDER_PLACED.lines(), ORDER_PLACED.total(),
                    ADDRESS, RequestFingerprint.version1(LINES, ADDRESS), false, 3);

            fixture.given(placedBefore)
                    .when(placeOrder(CUSTOMER, LINES))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new Placed(ORDER_ID, 0L));
        }

        @Test
        void anOrderPlacedBeforeFingerprintsWereCanonicalJsonStillRefusesAnotherRequest() {
            OrderPlaced placedBefore = new OrderPlaced(ORDER_ID, CUSTOMER, ORDER_PLACED.lines(), ORDER_PLACED.total(),
                    ADDRESS, RequestFingerprint.version1(LINES, ADDRESS), false, 3);

            fixture.given(placedBefore)
                    .when(placeOrder(CUSTOMER, List.of(new OrderLine("MUG-01", 3))))
                    .expectNoEvents()
                    .expectExceptionDetails(unprocessable("idempotency-key-reused"));
        }

        @Test
        void aRetryCarryingTheOldSeparatorIsNotMatchedAgainstAnOldFingerprint() {
            // Under version 1 these two addresses fingerprint alike; the second must not pass for the first.
            ShippingAddress first = new ShippingAddress("A\u001fB", "C", null, "Seoul", "04524", "KR");
            ShippingAddress second = new ShippingAddress("A", "B\u001fC", null, "Seoul", "04524", "KR");
            assertThat(RequestFingerprint.version1(LINES, first)).isEqualTo(RequestFingerprint.version1(LINES, second));
            OrderPlaced placedBefore = new OrderPlaced(ORDER_ID, CUSTOMER, ORDER_PLACED.lines(), ORDER_PLACED.total(),
                    first, RequestFingerprint.version1(LINES, first), false, 3);

            fixture.given(placedBefore)
                    .when(new PlaceOrder(ORDER_ID, CUSTOMER, LINES, second, RequestFingerprint.of(LINES, second)))
                    .expectNoEvents()
                    .expectExceptionDetails(unprocessable("idempotency-key-reused"));
        }

        @Test
        void refusesAnotherCustomersRequestThatLandsOnAnExistingOrder() {
            fixture.given(ORDER_PLACED)
                    .when(placeOrder("mallory", LINES))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(unprocessable("idempotency-key-reused"));
        }
    }

    @Nested
    class RecordingStockReserved {

        @Test
        void recordsTheReservationOfAPlacedOrdersLinesInItsFlow() {
            fixture.given(history(OrderStatus.PLACED))
                    .when(new RecordStockReserved(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, ORDER_STOCK_RESERVED));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"STOCK_RESERVED", "PAID", "CONFIRMED", "SHIPPED", "DELIVERED"})
        void recordingItAgainChangesNothing(OrderStatus status) {
            fixture.given(history(status))
                    .when(new RecordStockReserved(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void recordingItAgainAfterTheReservedOrderWasRejectedChangesNothing() {
            fixture.given(ORDER_PLACED, ORDER_STOCK_RESERVED, ORDER_STOCK_RELEASED,
                            new OrderRejected(ORDER_ID, RejectionReason.PAYMENT_DECLINED))
                    .when(new RecordStockReserved(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"REJECTED", "CANCELLED"})
        void refusesAReservationForAnOrderClosedBeforeItsStockWasReserved(OrderStatus status) {
            fixture.given(history(status))
                    .when(new RecordStockReserved(ORDER_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-status-conflict"));
        }

        @Test
        void anUnknownOrderIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new RecordStockReserved(ORDER_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionMessage("No such order")
                    .expectExceptionDetails(notFound("not-found"));
        }
    }

    @Nested
    class Rejecting {

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"PLACED", "STOCK_RESERVED"})
        void rejectsAnOrderThatIsNotYetPaid(OrderStatus status) {
            fixture.given(history(status))
                    .when(new RejectOrder(ORDER_ID, RejectionReason.PAYMENT_DECLINED))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, new OrderRejected(ORDER_ID, RejectionReason.PAYMENT_DECLINED)));
        }

        @Test
        void rejectingAgainChangesNothingWhateverTheReason() {
            fixture.given(history(OrderStatus.REJECTED))
                    .when(new RejectOrder(ORDER_ID, RejectionReason.PAYMENT_TIMEOUT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"PAID", "CONFIRMED", "SHIPPED", "DELIVERED", "CANCELLED"})
        void refusesToRejectAnOrderThatIsPaidOrClosed(OrderStatus status) {
            fixture.given(history(status))
                    .when(new RejectOrder(ORDER_ID, RejectionReason.OUT_OF_STOCK))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-status-conflict"));
        }
    }

    @Nested
    class MarkingPaid {

        @Test
        void marksAnOrderWithReservedStockPaid() {
            fixture.given(history(OrderStatus.STOCK_RESERVED))
                    .when(new MarkOrderPaid(ORDER_ID, PAYMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, ORDER_PAID));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"PAID", "CONFIRMED", "SHIPPED", "DELIVERED"})
        void markingItPaidAgainChangesNothing(OrderStatus status) {
            fixture.given(history(status))
                    .when(new MarkOrderPaid(ORDER_ID, PAYMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void markingItPaidAgainAfterThePaidOrderWasCancelledChangesNothing() {
            fixture.given(then(history(OrderStatus.PAID), CANCELLATION_REQUESTED, ORDER_STOCK_RELEASED,
                            CANCELLED_BY_CUSTOMER))
                    .when(new MarkOrderPaid(ORDER_ID, PAYMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"PLACED", "REJECTED", "CANCELLED"})
        void refusesToMarkPaidAnOrderWithoutReservedStock(OrderStatus status) {
            fixture.given(history(status))
                    .when(new MarkOrderPaid(ORDER_ID, PAYMENT_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-status-conflict"));
        }
    }

    @Nested
    class Confirming {

        @Test
        void confirmsAPaidOrder() {
            fixture.given(history(OrderStatus.PAID))
                    .when(new ConfirmOrder(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, ORDER_CONFIRMED));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"CONFIRMED", "SHIPPED", "DELIVERED"})
        void confirmingAgainChangesNothing(OrderStatus status) {
            fixture.given(history(status))
                    .when(new ConfirmOrder(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        /** A redelivered PaymentAuthorized step after the customer cancelled: "no new event, no error". */
        @Test
        void confirmingAgainAfterTheConfirmedOrderWasCancelledChangesNothing() {
            fixture.given(then(history(OrderStatus.CONFIRMED), CANCELLATION_REQUESTED, ORDER_STOCK_RELEASED,
                            CANCELLED_BY_CUSTOMER))
                    .when(new ConfirmOrder(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"PLACED", "STOCK_RESERVED", "REJECTED", "CANCELLED"})
        void refusesToConfirmAnOrderThatWasNeverPaid(OrderStatus status) {
            fixture.given(history(status))
                    .when(new ConfirmOrder(ORDER_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-status-conflict"));
        }
    }

    @Nested
    class MarkingShipped {

        @Test
        void marksAConfirmedOrderShipped() {
            fixture.given(then(history(OrderStatus.CONFIRMED), ORDER_STOCK_COMMITTED))
                    .when(new MarkOrderShipped(ORDER_ID, SHIPMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, ORDER_SHIPPED));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"SHIPPED", "DELIVERED"})
        void markingItShippedAgainChangesNothing(OrderStatus status) {
            fixture.given(history(status))
                    .when(new MarkOrderShipped(ORDER_ID, SHIPMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"PLACED", "STOCK_RESERVED", "PAID", "REJECTED", "CANCELLED"})
        void refusesToShipAnOrderThatIsNotConfirmed(OrderStatus status) {
            fixture.given(history(status))
                    .when(new MarkOrderShipped(ORDER_ID, SHIPMENT_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-status-conflict"));
        }
    }

    @Nested
    class MarkingDelivered {

        @Test
        void marksAShippedOrderDelivered() {
            fixture.given(history(OrderStatus.SHIPPED))
                    .when(new MarkOrderDelivered(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, ORDER_DELIVERED));
        }

        @Test
        void markingItDeliveredAgainChangesNothing() {
            fixture.given(history(OrderStatus.DELIVERED))
                    .when(new MarkOrderDelivered(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"PLACED", "STOCK_RESERVED", "PAID", "CONFIRMED", "REJECTED", "CANCELLED"})
        void refusesToDeliverAnOrderThatHasNotShipped(OrderStatus status) {
            fixture.given(history(status))
                    .when(new MarkOrderDelivered(ORDER_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-status-conflict"));
        }
    }

    @Nested
    class ReleasingStock {

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"STOCK_RESERVED", "PAID", "CONFIRMED"})
        void recordsTheReleaseOfReservedStock(OrderStatus status) {
            fixture.given(history(status))
                    .when(new RecordStockReleased(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, ORDER_STOCK_RELEASED));
        }

        @Test
        void recordingTheReleaseAgainChangesNothing() {
            fixture.given(then(history(OrderStatus.STOCK_RESERVED), ORDER_STOCK_RELEASED))
                    .when(new RecordStockReleased(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"PLACED", "REJECTED", "CANCELLED"})
        void refusesToReleaseStockThatWasNeverReserved(OrderStatus status) {
            fixture.given(history(status))
                    .when(new RecordStockReleased(ORDER_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-stock-not-held"));
        }

        @Test
        void refusesToReleaseStockThatWasCommitted() {
            fixture.given(history(OrderStatus.SHIPPED))
                    .when(new RecordStockReleased(ORDER_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-stock-not-held"));
        }
    }

    @Nested
    class CommittingStock {

        @Test
        void recordsTheCommitOfReservedStock() {
            fixture.given(history(OrderStatus.CONFIRMED))
                    .when(new RecordStockCommitted(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, ORDER_STOCK_COMMITTED));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"SHIPPED", "DELIVERED"})
        void recordingTheCommitAgainChangesNothing(OrderStatus status) {
            fixture.given(history(status))
                    .when(new RecordStockCommitted(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesToCommitStockThatWasNeverReserved() {
            fixture.given(history(OrderStatus.PLACED))
                    .when(new RecordStockCommitted(ORDER_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-stock-not-held"));
        }

        @Test
        void refusesToCommitStockThatWasReleased() {
            fixture.given(then(history(OrderStatus.STOCK_RESERVED), ORDER_STOCK_RELEASED))
                    .when(new RecordStockCommitted(ORDER_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-stock-not-held"));
        }
    }

    @Nested
    class Cancelling {

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"PLACED", "STOCK_RESERVED", "PAID", "CONFIRMED"})
        void cancelsAnOrderThatHasNotShipped(OrderStatus status) {
            fixture.given(history(status))
                    .when(new CancelOrder(ORDER_ID, CancellationReason.CUSTOMER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, CANCELLED_BY_CUSTOMER));
        }

        @Test
        void cancelsAConfirmedOrderWhoseShipmentFailed() {
            fixture.given(then(history(OrderStatus.CONFIRMED), ORDER_STOCK_RELEASED))
                    .when(new CancelOrder(ORDER_ID, CancellationReason.SHIPMENT_FAILED))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new OrderCancelled(ORDER_ID, CancellationReason.SHIPMENT_FAILED));
        }

        @Test
        void cancellingAgainChangesNothing() {
            fixture.given(history(OrderStatus.CANCELLED))
                    .when(new CancelOrder(ORDER_ID, CancellationReason.CUSTOMER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"SHIPPED", "DELIVERED", "REJECTED"})
        void refusesToCancelAnOrderThatShippedOrWasRejected(OrderStatus status) {
            fixture.given(history(status))
                    .when(new CancelOrder(ORDER_ID, CancellationReason.CUSTOMER))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-status-conflict"));
        }
    }

    @Nested
    class RequestingCancellation {

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"PLACED", "STOCK_RESERVED", "PAID", "CONFIRMED"})
        void recordsTheOwnersRequestToCancelAnOrderThatHasNotShipped(OrderStatus status) {
            fixture.given(history(status))
                    .when(new RequestOrderCancellation(ORDER_ID, CUSTOMER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, CANCELLATION_REQUESTED));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(OrderStatus.class)
        void anotherCustomerIsToldTheOrderDoesNotExist(OrderStatus status) {
            fixture.given(history(status))
                    .when(new RequestOrderCancellation(ORDER_ID, "mallory"))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(notFound("not-found"));
        }

        @Test
        void askingTwiceChangesNothing() {
            fixture.given(then(history(OrderStatus.PAID), CANCELLATION_REQUESTED))
                    .when(new RequestOrderCancellation(ORDER_ID, CUSTOMER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void askingToCancelACancelledOrderChangesNothing() {
            fixture.given(history(OrderStatus.CANCELLED))
                    .when(new RequestOrderCancellation(ORDER_ID, CUSTOMER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"SHIPPED", "DELIVERED"})
        void refusesOnceTheOrderHasShipped(OrderStatus status) {
            fixture.given(history(status))
                    .when(new RequestOrderCancellation(ORDER_ID, CUSTOMER))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-already-shipped"));
        }

        @Test
        void refusesForAnOrderRejectedWhileACancellationWasPending() {
            fixture.given(ORDER_PLACED, CANCELLATION_REQUESTED,
                            new OrderRejected(ORDER_ID, RejectionReason.OUT_OF_STOCK))
                    .when(new RequestOrderCancellation(ORDER_ID, CUSTOMER))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-closed"));
        }

        @Test
        void refusesForARejectedOrder() {
            fixture.given(history(OrderStatus.REJECTED))
                    .when(new RequestOrderCancellation(ORDER_ID, CUSTOMER))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("order-closed"));
        }
    }

    @Nested
    class RejectingCancellation {

        @Test
        void rejectsAPendingCancellationBecauseTheGoodsAlreadyLeft() {
            fixture.given(then(history(OrderStatus.CONFIRMED), CANCELLATION_REQUESTED))
                    .when(new RejectOrderCancellation(ORDER_ID, "shipment-already-dispatched"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID,
                            new OrderCancellationRejected(ORDER_ID, "shipment-already-dispatched")));
        }

        @Test
        void rejectingWhenNoCancellationIsPendingChangesNothing() {
            fixture.given(history(OrderStatus.CONFIRMED))
                    .when(new RejectOrderCancellation(ORDER_ID, "shipment-already-dispatched"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void rejectingTwiceChangesNothing() {
            fixture.given(then(history(OrderStatus.CONFIRMED), CANCELLATION_REQUESTED,
                            new OrderCancellationRejected(ORDER_ID, "shipment-already-dispatched")))
                    .when(new RejectOrderCancellation(ORDER_ID, "shipment-already-dispatched"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void rejectingAfterTheOrderWasCancelledChangesNothing() {
            fixture.given(history(OrderStatus.CANCELLED))
                    .when(new RejectOrderCancellation(ORDER_ID, "shipment-already-dispatched"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    /** The catalog lookup table, held in a map: what placement reads is all this test needs of it. */
    /** The stock gate's door as a port: answers what a test sets, the gate's UNAVAILABLE by default. */
    private static final class StubDoor implements StockDoor {

        Answer answer = Answer.of(Outcome.UNAVAILABLE);
        final List<String> reserved = new ArrayList<>();
        final List<String> customers = new ArrayList<>();

        @Override
        public CompletableFuture<Answer> reserve(String orderId, String customerId, List<OrderLine> lines) {
            reserved.add(orderId);
            customers.add(customerId);
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public CompletableFuture<Void> release(String orderId) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private static final class StubCatalog extends CatalogLookup {

        private final Map<String, ListedProduct> listed = new HashMap<>();

        StubCatalog() {
            super(null);
        }

        void list(ListedProduct product) {
            listed.put(product.sku(), product);
        }

        @Override
        public Map<String, ListedProduct> find(Collection<String> skus) {
            return skus.stream().filter(listed::containsKey)
                    .collect(Collectors.toMap(sku -> sku, listed::get));
        }
    }
}

package com.allinone.commerce.sagas.order;

import static com.allinone.commerce.api.order.CancellationReason.CUSTOMER;
import static com.allinone.commerce.api.order.CancellationReason.SHIPMENT_FAILED;
import static com.allinone.commerce.api.order.RejectionReason.OUT_OF_STOCK;
import static com.allinone.commerce.api.order.RejectionReason.PAYMENT_DECLINED;
import static com.allinone.commerce.api.order.RejectionReason.PAYMENT_TIMEOUT;
import static com.allinone.commerce.sagas.order.OrderFulfillmentSaga.PAYMENT_DEADLINE;
import static com.allinone.commerce.sagas.order.OrderFulfillmentSaga.RETRY_DEADLINE;

import com.allinone.commerce.api.common.Rejection;
import com.allinone.commerce.api.shipping.CancelShipment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.matchers.Matchers;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.FixtureExecutionResult;
import org.axonframework.test.saga.SagaTestFixture;
import org.axonframework.test.saga.WhenState;
import org.axonframework.test.utils.CallbackBehavior;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every step and compensation of DESIGN §4 as the saga implements it, with Axon's saga fixture and no outside system:
 * the saga only sends commands (steps, and asks to the stock, payment and carrier participants) and schedules
 * deadlines, so the fixture's recording command bus and stub deadline manager see everything it does.
 *
 * <p>Paths are checked step by step: with every earlier event delivered twice (as an at-least-once event store may),
 * a step must send exactly its commands, and delivering that step a second time must send nothing.
 */
class OrderFulfillmentSagaTest {

    /**
     * Retries start at a minute and double up to four, so that exactly one charge retry falls inside the two-minute
     * payment timeout and the retry times stay easy to follow.
     */
    static final FulfillmentSettings SETTINGS = new FulfillmentSettings(Duration.ofMinutes(2), Duration.ofMinutes(1),
            Duration.ofMinutes(4), 1, 1, 1, 100, 0, Duration.ZERO);

    /** The Shipment refuses CancelShipment because the warehouse dispatched it first. */
    static final CallbackBehavior WAREHOUSE_DISPATCHED_FIRST = (command, metaData) -> {
        if (command instanceof CancelShipment) {
            throw new CommandExecutionException("Shipment has already been dispatched", null, new Rejection(
                    Rejection.Kind.CONFLICT, "shipment-already-dispatched", "Shipment has already been dispatched"));
        }
        return null;
    };

    private final OrderFlow f = OrderFlow.fresh();

    /** 1. and 2.: the usual way, stock taken when the order was placed. */
    @Nested
    class StockTakenAtTheDoor {

        @Test
        void asksNothingWhenTheOrderIsPlacedWithItsStockHeld() {
            fixture().givenNoPriorActivity()
                    .whenPublishingA(f.placedWithStockHeld())
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(1);
        }

        @Test
        void requestsAndChargesThePaymentOnceTheStockIsReserved() {
            fixture().givenAPublished(f.placedWithStockHeld())
                    .whenPublishingA(f.stockReserved())
                    .expectDispatchedCommands(f.requestPayment(), f.chargePayment())
                    .expectScheduledDeadlineWithName(SETTINGS.paymentTimeout(), PAYMENT_DEADLINE)
                    .expectScheduledDeadlineMatching(SETTINGS.retryFirst(), retryOf(FlowStep.CHARGE_PAYMENT));
        }

        @Test
        void paysConfirmsShipsAndDelivers() {
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment()),
                    on(f.shipmentBooked()),
                    on(f.dispatched(), f.commitStock(), f.markShipped()),
                    on(f.stockCommitted()),
                    on(f.shipmentDelivered(), f.markDelivered()),
                    ends(f.orderDelivered()));
        }

        @Test
        void aDeliveredOrderWaitsForItsStockCommitBeforeTheFlowEnds() {
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment()),
                    on(f.shipmentBooked()),
                    on(f.dispatched(), f.commitStock(), f.markShipped()),
                    on(f.shipmentDelivered(), f.markDelivered()),
                    on(f.orderDelivered()),
                    ends(f.stockCommitted()));
        }
    }

    /** 1.: the door could not reach the stock gate, so the saga asks the stock participant, until it answers. */
    @Nested
    class WaitingForStock {

        @Test
        void asksTheStockParticipantToReserveEveryLine() {
            fixture().givenNoPriorActivity()
                    .whenPublishingA(f.placedWaitingForStock())
                    .expectDispatchedCommands(f.reserveStock())
                    .expectScheduledDeadlineWithName(SETTINGS.retryFirst(), RETRY_DEADLINE)
                    .expectScheduledDeadlineMatching(SETTINGS.retryFirst(), retryOf(FlowStep.RESERVE_STOCK));
        }

        @Test
        void asksAgainWithBackOffWhileNoAnswerComes() {
            fixture().givenAPublished(f.placedWaitingForStock())
                    .whenTimeElapses(SETTINGS.retryFirst())
                    .expectDeadlinesMet(FlowStep.RESERVE_STOCK)
                    .expectDispatchedCommands(f.reserveStock())
                    .expectScheduledDeadlineMatching(SETTINGS.backoff(2), retryOf(FlowStep.RESERVE_STOCK));
        }

        @Test
        void theBackOffDoublesUpToTheLongestWait() {
            // Tries at 1, 3 (1 + 2), 7 (3 + 4) and 11 (7 + 4, capped) minutes; the next one 4 minutes later.
            fixture().givenAPublished(f.placedWaitingForStock())
                    .whenTimeElapses(Duration.ofMinutes(11))
                    .expectDeadlinesMet(FlowStep.RESERVE_STOCK, FlowStep.RESERVE_STOCK, FlowStep.RESERVE_STOCK,
                            FlowStep.RESERVE_STOCK)
                    .expectDispatchedCommands(f.reserveStock(), f.reserveStock(), f.reserveStock(), f.reserveStock())
                    .expectScheduledDeadlineMatching(SETTINGS.retryMax(), retryOf(FlowStep.RESERVE_STOCK));
        }

        @Test
        void theReservationStopsTheRetryAndAsksForTheMoney() {
            fixture().givenAPublished(f.placedWaitingForStock())
                    .whenPublishingA(f.stockReserved())
                    .expectDispatchedCommands(f.requestPayment(), f.chargePayment())
                    .expectNoScheduledDeadlineMatching(retryOf(FlowStep.RESERVE_STOCK))
                    .expectScheduledDeadlineWithName(SETTINGS.paymentTimeout(), PAYMENT_DEADLINE);
        }

        @Test
        void reservesAfterARetryAndGoesOnToPayment() {
            assertPath(
                    on(f.placedWaitingForStock(), f.reserveStock()),
                    after(SETTINGS.retryFirst(), f.reserveStock()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment()));
        }

        @Test
        void endsWithNothingElseSentWhenTheGateFindsTheOrderShort() {
            assertPath(
                    on(f.placedWaitingForStock(), f.reserveStock()),
                    ends(f.rejected(OUT_OF_STOCK)));
        }

        @Test
        void endsWhenTheGateFindsTheOrderShortOnARetry() {
            assertPath(
                    on(f.placedWaitingForStock(), f.reserveStock()),
                    after(SETTINGS.retryFirst(), f.reserveStock()),
                    ends(f.rejected(OUT_OF_STOCK)));
        }
    }

    /** 3. and 4.: the provider's answer, or none in time. */
    @Nested
    class Payment {

        @Test
        void anAuthorizationStopsThePaymentTimersAndBooksTheCarrier() {
            fixture().givenAPublished(f.placedWithStockHeld())
                    .andThenAPublished(f.stockReserved())
                    .whenPublishingA(f.paymentAuthorized())
                    .expectDispatchedCommands(f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment())
                    .expectNoScheduledDeadlineMatching(named(PAYMENT_DEADLINE))
                    .expectNoScheduledDeadlineMatching(retryOf(FlowStep.CHARGE_PAYMENT))
                    .expectScheduledDeadlineMatching(SETTINGS.retryFirst(), retryOf(FlowStep.BOOK_SHIPMENT));
        }

        @Test
        void theCarriersBookingStopsItsRetry() {
            fixture().givenAPublished(f.placedWithStockHeld())
                    .andThenAPublished(f.stockReserved())
                    .andThenAPublished(f.paymentAuthorized())
                    .whenPublishingA(f.shipmentBooked())
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(1);
        }

        @Test
        void givesTheStockBackAndRejectsWhenThePaymentIsDeclined() {
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentDeclined(), f.releaseStock(), f.reject(PAYMENT_DECLINED)),
                    on(f.rejected(PAYMENT_DECLINED)),
                    ends(f.stockReleased()));
        }

        @Test
        void aDeclinedOrderEndsOnlyOnceBothTheReleaseAndTheRejectionAreIn() {
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentDeclined(), f.releaseStock(), f.reject(PAYMENT_DECLINED)),
                    on(f.stockReleased()),
                    ends(f.rejected(PAYMENT_DECLINED)));
        }

        @Test
        void expiresThePaymentWhenTheProviderNeverAnswers() {
            // The charge was asked again once, a minute in; the deadline then expires the payment.
            fixture().givenAPublished(f.placedWithStockHeld())
                    .andThenAPublished(f.stockReserved())
                    .whenTimeElapses(SETTINGS.paymentTimeout())
                    .expectTriggeredDeadlinesWithName(RETRY_DEADLINE, PAYMENT_DEADLINE)
                    .expectDispatchedCommands(f.chargePayment(), f.expirePayment());
        }

        @Test
        void expiresFirstThenGivesTheStockBackAndRejectsWhenThePaymentTimesOut() {
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    after(SETTINGS.paymentTimeout(), f.chargePayment(), f.expirePayment()),
                    on(f.paymentExpired(), f.releaseStock(), f.reject(PAYMENT_TIMEOUT)),
                    on(f.rejected(PAYMENT_TIMEOUT)),
                    ends(f.stockReleased()));
        }

        @Test
        void anAuthorizationThatBeatTheExpiryStillShipsTheOrder() {
            // The deadline asked to expire the payment, but the provider had authorized it: the expiry was a no-op.
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    after(SETTINGS.paymentTimeout(), f.chargePayment(), f.expirePayment()),
                    on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment()));
        }

        @Test
        void aPaymentDeadlineAfterThePaymentSucceededChangesNothing() {
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment()),
                    on(f.shipmentBooked()),
                    after(SETTINGS.paymentTimeout().plusMinutes(1)));
        }
    }

    /** 5.: the carrier refused the shipment. */
    @Nested
    class ShipmentFailure {

        @Test
        void refundsReleasesAndCancelsWhenTheShipmentFails() {
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment()),
                    on(f.shipmentFailed(), f.refund(), f.releaseStock(), f.cancel(SHIPMENT_FAILED)),
                    on(f.cancelled(SHIPMENT_FAILED)),
                    ends(f.stockReleased()));
        }

        @Test
        void aFailedShipmentStopsAskingTheCarrierAndAsksForTheRelease() {
            fixture().givenAPublished(f.placedWithStockHeld())
                    .andThenAPublished(f.stockReserved())
                    .andThenAPublished(f.paymentAuthorized())
                    .whenPublishingA(f.shipmentFailed())
                    .expectNoScheduledDeadlineMatching(retryOf(FlowStep.BOOK_SHIPMENT))
                    .expectScheduledDeadlineMatching(SETTINGS.retryFirst(), retryOf(FlowStep.RELEASE_STOCK));
        }

        @Test
        void aCancelRacingTheCarriersRefusalEndsAsAFailedShipment() {
            // The carrier's refusal was recorded first, so CancelShipment was a no-op and no ShipmentCancelled comes.
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment()),
                    on(f.cancellationRequested(), f.cancelShipment()),
                    on(f.shipmentFailed(), f.refund(), f.releaseStock(), f.cancel(SHIPMENT_FAILED)),
                    on(f.cancelled(SHIPMENT_FAILED)),
                    ends(f.stockReleased()));
        }
    }

    /** 6.: the customer cancels. */
    @Nested
    class CustomerCancel {

        @Test
        void beforePaymentExpiresThePaymentReleasesAndCancels() {
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.cancellationRequested(), f.expirePayment(), f.releaseStock(), f.cancel(CUSTOMER)),
                    on(f.paymentExpired()),
                    on(f.cancelled(CUSTOMER)),
                    ends(f.stockReleased()));
        }

        @Test
        void beforePaymentStopsThePaymentTimers() {
            fixture().givenAPublished(f.placedWithStockHeld())
                    .andThenAPublished(f.stockReserved())
                    .whenPublishingA(f.cancellationRequested())
                    .expectNoScheduledDeadlineMatching(named(PAYMENT_DEADLINE))
                    .expectNoScheduledDeadlineMatching(retryOf(FlowStep.CHARGE_PAYMENT))
                    .expectScheduledDeadlineMatching(SETTINGS.retryFirst(), retryOf(FlowStep.RELEASE_STOCK));
        }

        @Test
        void anAuthorizationArrivingAfterTheOrderWasGivenUpIsRefunded() {
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.cancellationRequested(), f.expirePayment(), f.releaseStock(), f.cancel(CUSTOMER)),
                    on(f.paymentAuthorized(), f.refund()),
                    on(f.cancelled(CUSTOMER)),
                    ends(f.stockReleased()));
        }

        @Test
        void afterPaymentCancelsTheShipmentThenRefundsReleasesAndCancels() {
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment()),
                    on(f.cancellationRequested(), f.cancelShipment()),
                    on(f.shipmentCancelled(), f.refund(), f.releaseStock(), f.cancel(CUSTOMER)),
                    on(f.cancelled(CUSTOMER)),
                    ends(f.stockReleased()));
        }

        @Test
        void afterDispatchIsRefusedAndTheOrderStillShips() {
            assertPath(WAREHOUSE_DISPATCHED_FIRST,
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment()),
                    on(f.cancellationRequested(), f.cancelShipment(), f.refuseCancellation()),
                    on(f.dispatched(), f.commitStock(), f.markShipped()),
                    on(f.stockCommitted()),
                    on(f.shipmentDelivered(), f.markDelivered()),
                    ends(f.orderDelivered()));
        }

        @Test
        void arrivingAfterTheDispatchWasSeenIsRefusedAtOnce() {
            assertPath(
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment()),
                    on(f.dispatched(), f.commitStock(), f.markShipped()),
                    on(f.cancellationRequested(), f.refuseCancellation()));
        }

        @Test
        void askedAgainAfterARefusalIsAnsweredAgain() {
            // Two requests of the customer: two events, each with its own identifier.
            assertPath(WAREHOUSE_DISPATCHED_FIRST,
                    on(f.placedWithStockHeld()),
                    on(f.stockReserved(), f.requestPayment(), f.chargePayment()),
                    on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(), f.bookShipment()),
                    on(f.cancellationRequested(), f.cancelShipment(), f.refuseCancellation()),
                    on(f.cancellationRequested(), f.cancelShipment(), f.refuseCancellation()));
        }

        @Test
        void aShipmentCancelThatGotNoAnswerIsTriedAgain() {
            AtomicBoolean firstTry = new AtomicBoolean(true);
            CallbackBehavior timesOutOnce = (command, metaData) -> {
                if (command instanceof CancelShipment && firstTry.getAndSet(false)) {
                    throw new CommandExecutionException("no answer in time", null);
                }
                return null;
            };
            ContinuedGivenState given = fixture(timesOutOnce).givenAPublished(f.placedWithStockHeld())
                    .andThenAPublished(f.stockReserved())
                    .andThenAPublished(f.paymentAuthorized())
                    .andThenAPublished(f.shipmentBooked())
                    .andThenAPublished(f.cancellationRequested());

            given.whenTimeElapses(SETTINGS.retryFirst())
                    .expectDeadlinesMet(FlowStep.CANCEL_SHIPMENT)
                    .expectDispatchedCommands(f.cancelShipment())
                    .expectNoScheduledDeadlines();
        }

        @Test
        void onTheWaitingPathBeforeTheReservationLeavesATombstoneAndCancels() {
            assertPath(
                    on(f.placedWaitingForStock(), f.reserveStock()),
                    on(f.cancellationRequested(), f.releaseStock(), f.cancel(CUSTOMER)),
                    ends(f.cancelled(CUSTOMER)));
        }

        @Test
        void onTheWaitingPathStopsAskingForTheReservation() {
            fixture().givenAPublished(f.placedWaitingForStock())
                    .andThenAPublished(f.cancellationRequested())
                    .whenTimeElapses(SETTINGS.retryMax())
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void onTheWaitingPathGivesBackAReservationThatArrivesAfterTheCancel() {
            assertPath(
                    on(f.placedWaitingForStock(), f.reserveStock()),
                    on(f.cancellationRequested(), f.releaseStock(), f.cancel(CUSTOMER)),
                    on(f.stockReserved(), f.releaseStock()),
                    on(f.cancelled(CUSTOMER)),
                    ends(f.stockReleased()));
        }
    }

    /** Every ask to a participant is asked again until its answer comes, and the answer stops the asking. */
    @Nested
    class Retries {

        @Test
        void theChargeIsAskedAgain() {
            fixture().givenAPublished(f.placedWithStockHeld())
                    .andThenAPublished(f.stockReserved())
                    .whenTimeElapses(SETTINGS.retryFirst())
                    .expectDeadlinesMet(FlowStep.CHARGE_PAYMENT)
                    .expectDispatchedCommands(f.chargePayment())
                    .expectScheduledDeadlineMatching(SETTINGS.backoff(2), retryOf(FlowStep.CHARGE_PAYMENT));
        }

        @Test
        void theBookingIsAskedAgain() {
            fixture().givenAPublished(f.placedWithStockHeld())
                    .andThenAPublished(f.stockReserved())
                    .andThenAPublished(f.paymentAuthorized())
                    .whenTimeElapses(SETTINGS.retryFirst())
                    .expectDeadlinesMet(FlowStep.BOOK_SHIPMENT)
                    .expectDispatchedCommands(f.bookShipment())
                    .expectScheduledDeadlineMatching(SETTINGS.backoff(2), retryOf(FlowStep.BOOK_SHIPMENT));
        }

        @Test
        void theReleaseIsAskedAgainUntilItsAnswerComes() {
            ContinuedGivenState declined = fixture().givenAPublished(f.placedWithStockHeld())
                    .andThenAPublished(f.stockReserved())
                    .andThenAPublished(f.paymentDeclined())
                    .andThenAPublished(f.rejected(PAYMENT_DECLINED));

            declined.whenTimeElapses(SETTINGS.retryFirst())
                    .expectDeadlinesMet(FlowStep.RELEASE_STOCK)
                    .expectDispatchedCommands(f.releaseStock())
                    .expectScheduledDeadlineMatching(SETTINGS.backoff(2), retryOf(FlowStep.RELEASE_STOCK))
                    .expectActiveSagas(1);
        }

        @Test
        void theCommitIsAskedAgainUntilItsAnswerComes() {
            ContinuedGivenState dispatched = fixture().givenAPublished(f.placedWithStockHeld())
                    .andThenAPublished(f.stockReserved())
                    .andThenAPublished(f.paymentAuthorized())
                    .andThenAPublished(f.shipmentBooked())
                    .andThenAPublished(f.dispatched());

            dispatched.whenTimeElapses(SETTINGS.retryFirst())
                    .expectDeadlinesMet(FlowStep.COMMIT_STOCK)
                    .expectDispatchedCommands(f.commitStock())
                    .expectScheduledDeadlineMatching(SETTINGS.backoff(2), retryOf(FlowStep.COMMIT_STOCK));
        }

        @Test
        void theCommitsAnswerStopsTheAsking() {
            fixture().givenAPublished(f.placedWithStockHeld())
                    .andThenAPublished(f.stockReserved())
                    .andThenAPublished(f.paymentAuthorized())
                    .andThenAPublished(f.shipmentBooked())
                    .andThenAPublished(f.dispatched())
                    .whenPublishingA(f.stockCommitted())
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines();
        }
    }

    // --- the harness ---

    /** Something that happens to the saga: an event published, or time passing (deadlines). */
    sealed interface Happening permits Published, Elapsed {
    }

    record Published(Object event) implements Happening {
    }

    record Elapsed(Duration duration) implements Happening {
    }

    /** What happens, exactly the commands the saga must send for it, and whether the flow is over after it. */
    record Step(Happening happening, List<Object> commands, boolean ends) {
    }

    /** The event is wrapped once, so delivering the step twice redelivers the same message (same identifier). */
    static Step on(Object event, Object... commands) {
        return new Step(new Published(GenericEventMessage.asEventMessage(event)), List.of(commands), false);
    }

    static Step after(Duration duration, Object... commands) {
        return new Step(new Elapsed(duration), List.of(commands), false);
    }

    /** A terminal event: nothing more to send, the saga has ended, and it left no deadline behind. */
    static Step ends(Object event) {
        return new Step(new Published(GenericEventMessage.asEventMessage(event)), List.of(), true);
    }

    private static void assertPath(Step... path) {
        assertPath(null, path);
    }

    private static void assertPath(CallbackBehavior commandAnswers, Step... path) {
        for (int i = 0; i < path.length; i++) {
            Step step = path[i];
            List<Step> earlier = List.of(path).subList(0, i);
            FixtureExecutionResult result = when(give(fixture(commandAnswers), twice(earlier)), step.happening())
                    .expectDispatchedCommands(step.commands().toArray());
            if (step.ends()) {
                result.expectActiveSagas(0).expectNoScheduledDeadlines();
            } else {
                result.expectActiveSagas(1);
            }
            if (step.happening() instanceof Published) {
                List<Happening> history = twice(earlier);
                history.add(step.happening());
                when(give(fixture(commandAnswers), history), step.happening()).expectNoDispatchedCommands();
            }
        }
    }

    /** Every earlier event delivered twice, as an at-least-once event store may; time passes once. */
    private static List<Happening> twice(List<Step> earlier) {
        List<Happening> history = new ArrayList<>();
        for (Step step : earlier) {
            history.add(step.happening());
            if (step.happening() instanceof Published) {
                history.add(step.happening());
            }
        }
        return history;
    }

    private static WhenState give(SagaTestFixture<OrderFulfillmentSaga> fixture, List<Happening> history) {
        if (history.isEmpty()) {
            return fixture.givenNoPriorActivity();
        }
        // Every path starts with an event (OrderPlaced).
        ContinuedGivenState given = fixture.givenAPublished(((Published) history.get(0)).event());
        for (Happening happening : history.subList(1, history.size())) {
            given = happening instanceof Published published
                    ? given.andThenAPublished(published.event())
                    : andThenTimeElapses(given, ((Elapsed) happening).duration());
        }
        return given;
    }

    private static ContinuedGivenState andThenTimeElapses(ContinuedGivenState given, Duration duration) {
        try {
            return given.andThenTimeElapses(duration);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static FixtureExecutionResult when(WhenState given, Happening happening) {
        return happening instanceof Published published
                ? given.whenPublishingA(published.event())
                : given.whenTimeElapses(((Elapsed) happening).duration());
    }

    private static SagaTestFixture<OrderFulfillmentSaga> fixture() {
        return fixture(null);
    }

    /** The saga with its settings; CommandGateway and DeadlineManager are the fixture's own recording stubs. */
    private static SagaTestFixture<OrderFulfillmentSaga> fixture(CallbackBehavior commandAnswers) {
        SagaTestFixture<OrderFulfillmentSaga> fixture = new SagaTestFixture<>(OrderFulfillmentSaga.class);
        fixture.registerResource(SETTINGS);
        if (commandAnswers != null) {
            fixture.setCallbackBehavior(commandAnswers);
        }
        return fixture;
    }

    /** The retry deadline of one step (name and FlowStep payload). */
    private static Matcher<DeadlineMessage<?>> retryOf(FlowStep step) {
        return Matchers.matches(deadline -> RETRY_DEADLINE.equals(deadline.getDeadlineName())
                && step.equals(deadline.getPayload()));
    }

    private static Matcher<DeadlineMessage<?>> named(String deadlineName) {
        return Matchers.matches(deadline -> deadlineName.equals(deadline.getDeadlineName()));
    }
}

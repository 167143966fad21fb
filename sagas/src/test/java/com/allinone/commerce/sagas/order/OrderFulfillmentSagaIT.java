package com.allinone.commerce.sagas.order;

import com.allinone.commerce.api.common.Rejection;
import com.allinone.commerce.api.inventory.StockKeys;
import com.allinone.commerce.api.shipping.CancelShipment;
import com.allinone.commerce.api.shipping.FailShipment;
import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import com.allinone.commerce.sagas.inventory.ReservationState;
import com.allinone.commerce.sagas.inventory.SkuCounters;
import com.allinone.commerce.sagas.inventory.StockGate;
import com.allinone.commerce.sagas.payment.PaymentRelay;
import com.allinone.commerce.sagas.shipping.CarrierSimulatorSettings;
import com.allinone.commerce.sagas.shipping.SimulatedCarrier;
import com.allinone.commerce.sagas.support.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.FixtureExecutionResult;
import org.axonframework.test.saga.SagaTestFixture;
import org.axonframework.test.saga.WhenState;
import org.axonframework.test.utils.CallbackBehavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import redis.embedded.RedisServer;
import static com.allinone.commerce.api.order.CancellationReason.CUSTOMER;
import static com.allinone.commerce.api.order.CancellationReason.SHIPMENT_FAILED;
import static com.allinone.commerce.api.order.RejectionReason.OUT_OF_STOCK;
import static com.allinone.commerce.api.order.RejectionReason.PAYMENT_DECLINED;
import static com.allinone.commerce.api.order.RejectionReason.PAYMENT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path of DESIGN §4 with Axon's saga fixture, against the real stock gate on a real Redis. Each path is checked
 * step by step: with every earlier event delivered twice, a step must send exactly its commands, and delivering it a
 * second time must send nothing. Each fixture run uses fresh order ids, so the Redis side effects of one run never
 * answer for another.
 */
class OrderFulfillmentSagaIT {

    static final FulfillmentSettings SETTINGS = new FulfillmentSettings(Duration.ofMinutes(2), Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofSeconds(2));
    static final String REFUSED_POSTAL_CODE = "99999";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static LazyRedisConnection redis;
    private static StockGate gate;

    @BeforeAll
    static void connect() {
        redis = TestRedis.redisConnection(TestRedis.url());
        gate = TestRedis.stockGate(redis);
        TestRedis.admin(TestRedis.url()).setnx(StockKeys.ready(), "test");
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    // --- the paths ---

    @Test
    void reservesPaysConfirmsShipsAndDelivers() {
        assertPath(plenty(), f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment()),
                on(f.dispatched(), f.recordCommitted(), f.markShipped()),
                on(f.shipmentDelivered(), f.markDelivered()),
                ends(f.orderDelivered())));
    }

    @Test
    void rejectsAnOrderWithAShortLineAndTakesNothing() {
        String sku = stocked(1);
        assertPath(flow -> OrderFlow.of(sku, 2), f -> List.of(
                on(f.placed(), f.reject(OUT_OF_STOCK)),
                ends(f.rejected(OUT_OF_STOCK))));
        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 1, 1, 0, 0));
    }

    @Test
    void givesTheStockBackAndRejectsWhenThePaymentIsDeclined() {
        assertPath(plenty(), f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                on(f.paymentDeclined(), f.recordReleased(), f.reject(PAYMENT_DECLINED)),
                ends(f.rejected(PAYMENT_DECLINED))));
    }

    @Test
    void expiresThePaymentFirstAndThenRejectsWhenTheProviderNeverAnswers() {
        assertPath(plenty(), f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                after(SETTINGS.paymentTimeout(), f.expirePayment()),
                on(f.paymentExpired(), f.recordReleased(), f.reject(PAYMENT_TIMEOUT)),
                ends(f.rejected(PAYMENT_TIMEOUT))));
    }

    @Test
    void aPaymentDeadlineAfterThePaymentSucceededChangesNothing() {
        assertPath(plenty(), f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment()),
                after(SETTINGS.paymentTimeout().plusMinutes(1))));
    }

    @Test
    void anAuthorizationThatBeatTheExpiryStillShipsTheOrder() {
        // The deadline asked to expire the payment, but the provider had authorized it: the expiry was a no-op.
        assertPath(plenty(), f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                after(SETTINGS.paymentTimeout(), f.expirePayment()),
                on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment())));
    }

    @Test
    void refundsReleasesAndCancelsWhenTheShipmentFails() {
        assertPath(plenty(), f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment()),
                on(f.shipmentFailed(), f.refund(), f.recordReleased(), f.cancel(SHIPMENT_FAILED)),
                ends(f.cancelled(SHIPMENT_FAILED))));
    }

    @Test
    void failsTheShipmentWhenTheCarrierRefusesTheAddress() {
        String sku = stocked(1_000);
        assertPath(flow -> OrderFlow.of(sku, 1).toPostalCode(REFUSED_POSTAL_CODE), f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment(),
                        new FailShipment(f.shipmentId(), "no-delivery-to-" + REFUSED_POSTAL_CODE))));
    }

    @Test
    void aCancelBeforePaymentExpiresThePaymentReleasesAndCancels() {
        assertPath(plenty(), f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                on(f.cancellationRequested(), f.expirePayment(), f.recordReleased(), f.cancel(CUSTOMER)),
                on(f.paymentExpired()),
                ends(f.cancelled(CUSTOMER))));
    }

    @Test
    void aCancelWhileTheProviderWasAuthorizingRefundsTheLateMoney() {
        assertPath(plenty(), f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                on(f.cancellationRequested(), f.expirePayment(), f.recordReleased(), f.cancel(CUSTOMER)),
                on(f.paymentAuthorized(), f.refund()),
                ends(f.cancelled(CUSTOMER))));
    }

    @Test
    void aCancelAfterPaymentCancelsTheShipmentThenRefundsReleasesAndCancels() {
        assertPath(plenty(), f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment()),
                on(f.cancellationRequested(), f.cancelShipment()),
                on(f.shipmentCancelled(), f.refund(), f.recordReleased(), f.cancel(CUSTOMER)),
                ends(f.cancelled(CUSTOMER))));
    }

    @Test
    void aCancelAfterDispatchIsRefusedAndTheOrderStillShips() {
        CallbackBehavior warehouseDispatchedFirst = (command, metaData) -> {
            if (command instanceof CancelShipment) {
                throw new CommandExecutionException("dispatched", null, new Rejection(Rejection.Kind.CONFLICT,
                        "shipment-already-dispatched", "Shipment has already been dispatched"));
            }
            return null;
        };
        assertPath(plenty(), warehouseDispatchedFirst, f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment()),
                on(f.cancellationRequested(), f.cancelShipment(), f.refuseCancellation()),
                on(f.dispatched(), f.recordCommitted(), f.markShipped()),
                on(f.shipmentDelivered(), f.markDelivered()),
                ends(f.orderDelivered())));
    }

    @Test
    void aCancelArrivingAfterTheDispatchWasSeenIsRefusedAtOnce() {
        assertPath(plenty(), f -> List.of(
                on(f.placed(), f.recordReserved()),
                on(f.stockReserved(), f.requestPayment()),
                on(f.paymentAuthorized(), f.markPaid(), f.confirm(), f.createShipment()),
                on(f.dispatched(), f.recordCommitted(), f.markShipped()),
                on(f.cancellationRequested(), f.refuseCancellation())));
    }

    @Test
    void schedulesThePaymentDeadlineWhenItAsksForTheMoney() {
        OrderFlow f = plenty().apply(null);
        fixture(null).givenAPublished(f.placed())
                .whenPublishingA(f.stockReserved())
                .expectScheduledDeadlineWithName(SETTINGS.paymentTimeout(), OrderFulfillmentSaga.PAYMENT_DEADLINE);
    }

    @Test
    void theStockOfAFullPathBalances() {
        String sku = stocked(10);
        OrderFlow shipped = OrderFlow.of(sku, 3);
        OrderFlow declined = OrderFlow.of(sku, 2);
        fixture(null).givenAPublished(shipped.placed()).andThenAPublished(shipped.stockReserved())
                .andThenAPublished(shipped.paymentAuthorized()).andThenAPublished(shipped.dispatched())
                .andThenAPublished(declined.placed()).andThenAPublished(declined.stockReserved())
                .whenPublishingA(declined.paymentDeclined())
                .expectDispatchedCommands(declined.recordReleased(), declined.reject(PAYMENT_DECLINED));

        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 10, 7, 0, 3));
    }

    /** Steps whose dependency (Redis) is down: retried through a persistent deadline, never skipped. */
    @Nested
    class WhenRedisIsDown {

        @Test
        void aReservationIsRetriedByDeadlineUntilRedisIsBack() {
            RedisServer server = TestRedis.privateServer();
            int port = server.ports().get(0);
            TestRedis.stopQuietly(server);
            try (LazyRedisConnection own = TestRedis.redisConnection("redis://127.0.0.1:" + port)) {
                StockGate ownGate = TestRedis.stockGate(own);
                OrderFlow f = OrderFlow.of(TestRedis.unique("SKU"), 2);

                ContinuedGivenState given = fixture(null, ownGate).givenAPublished(f.placed());
                server = startAgain(port);
                ownGate.receive(f.sku(), 5, 0).onErrorResume(e -> Mono.empty()).block(WAIT);
                TestRedis.admin("redis://127.0.0.1:" + port).set(StockKeys.ready(), "test");
                ownGate.receive(f.sku(), 5, 0).block(WAIT);

                given.whenTimeElapses(SETTINGS.retryFirst())
                        .expectDispatchedCommands(f.recordReserved());
                assertThat(ownGate.counters(f.sku()).block(WAIT).available()).isEqualTo(3);
            } finally {
                TestRedis.stopQuietly(server);
            }
        }

        @Test
        void aCancelBeforeTheReservationFinishedEndsWithNothingHeld() {
            RedisServer server = TestRedis.privateServer();
            int port = server.ports().get(0);
            TestRedis.stopQuietly(server);
            try (LazyRedisConnection own = TestRedis.redisConnection("redis://127.0.0.1:" + port)) {
                StockGate ownGate = TestRedis.stockGate(own);
                OrderFlow f = OrderFlow.of(TestRedis.unique("SKU"), 2);

                ContinuedGivenState given = fixture(null, ownGate).givenAPublished(f.placed());
                server = startAgain(port);
                TestRedis.admin("redis://127.0.0.1:" + port).set(StockKeys.ready(), "test");
                ownGate.receive(f.sku(), 5, 0).block(WAIT);

                FixtureExecutionResult result = given.whenPublishingA(f.cancellationRequested());
                result.expectDispatchedCommands(f.cancel(CUSTOMER));
                // The release left a tombstone: the reservation the saga was retrying can no longer take stock.
                assertThat(ownGate.reserve(f.orderId(), f.lines()).block(WAIT)).isEqualTo(ReservationState.RELEASED);
                assertThat(ownGate.counters(f.sku()).block(WAIT).available()).isEqualTo(5);
            } finally {
                TestRedis.stopQuietly(server);
            }
        }

        private RedisServer startAgain(int port) {
            return TestRedis.start(port);
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

    /** What happens, and exactly the commands the saga must send for it. */
    record Step(Happening happening, List<Object> commands, boolean ends) {
    }

    /** The event is wrapped once, so delivering the step twice redelivers the same message (same identifier). */
    static Step on(Object event, Object... commands) {
        return new Step(new Published(GenericEventMessage.asEventMessage(event)), List.of(commands), false);
    }

    static Step after(Duration duration, Object... commands) {
        return new Step(new Elapsed(duration), List.of(commands), false);
    }

    /** A terminal event: nothing more to send, and the saga has ended. */
    static Step ends(Object event) {
        return new Step(new Published(GenericEventMessage.asEventMessage(event)), List.of(), true);
    }

    private void assertPath(Function<Void, OrderFlow> flows, Function<OrderFlow, List<Step>> path) {
        assertPath(flows, null, path);
    }

    private void assertPath(Function<Void, OrderFlow> flows, CallbackBehavior behavior,
                            Function<OrderFlow, List<Step>> path) {
        int length = path.apply(flows.apply(null)).size();
        for (int i = 0; i < length; i++) {
            List<Step> steps = path.apply(flows.apply(null));
            Step step = steps.get(i);
            FixtureExecutionResult first = when(give(fixture(behavior), twice(steps.subList(0, i))), step.happening())
                    .expectDispatchedCommands(step.commands().toArray());
            if (step.ends()) {
                first.expectActiveSagas(0);
            }
            if (step.happening() instanceof Published) {
                List<Step> again = path.apply(flows.apply(null));
                List<Happening> history = twice(again.subList(0, i));
                history.add(again.get(i).happening());
                when(give(fixture(behavior), history), again.get(i).happening()).expectNoDispatchedCommands();
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
        ContinuedGivenState given = fixture.givenAPublished(((Published) history.get(0)).event());
        for (Happening happening : history.subList(1, history.size())) {
            given = deliver(given, happening);
        }
        return given;
    }

    private static ContinuedGivenState deliver(ContinuedGivenState given, Happening happening) {
        if (happening instanceof Published published) {
            return given.andThenAPublished(published.event());
        }
        try {
            return given.andThenTimeElapses(((Elapsed) happening).duration());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static FixtureExecutionResult when(WhenState given, Happening happening) {
        if (happening instanceof Published published) {
            return given.whenPublishingA(published.event());
        }
        return given.whenTimeElapses(((Elapsed) happening).duration());
    }

    private static SagaTestFixture<OrderFulfillmentSaga> fixture(CallbackBehavior behavior) {
        return fixture(behavior, gate);
    }

    private static SagaTestFixture<OrderFulfillmentSaga> fixture(CallbackBehavior behavior, StockGate stockGate) {
        SagaTestFixture<OrderFulfillmentSaga> fixture = new SagaTestFixture<>(OrderFulfillmentSaga.class);
        fixture.registerResource(stockGate);
        // The provider's answers are events of the path; the call itself goes nowhere.
        fixture.registerResource(new PaymentRelay((paymentId, amount) -> Mono.never(), null, Schedulers.immediate()));
        fixture.registerResource(new SimulatedCarrier(
                new CarrierSimulatorSettings(Duration.ZERO, Set.of(REFUSED_POSTAL_CODE), 0)));
        fixture.registerResource(SETTINGS);
        if (behavior != null) {
            fixture.setCallbackBehavior(behavior);
        }
        return fixture;
    }

    private static Function<Void, OrderFlow> plenty() {
        String sku = stocked(10_000);
        return ignored -> OrderFlow.of(sku, 1);
    }

    private static String stocked(int units) {
        String sku = TestRedis.unique("SKU");
        gate.receive(sku, units, 0).block(WAIT);
        return sku;
    }

    private static SkuCounters counters(String sku) {
        return gate.counters(sku).block(WAIT);
    }
}

package com.allinone.commerce.sagas.inventory;

import static com.allinone.commerce.sagas.support.TestRedis.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.inventory.CommitOrderStock;
import com.allinone.commerce.api.inventory.ReleaseOrderStock;
import com.allinone.commerce.api.inventory.ReserveOrderStock;
import com.allinone.commerce.api.inventory.StockKeys;
import com.allinone.commerce.api.order.RecordStockCommitted;
import com.allinone.commerce.api.order.RecordStockReleased;
import com.allinone.commerce.api.order.RecordStockReserved;
import com.allinone.commerce.api.order.RejectOrder;
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import com.allinone.commerce.sagas.common.SagaCommands;
import com.allinone.commerce.sagas.support.RecordingCommandGateway;
import com.allinone.commerce.sagas.support.TestRedis;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import redis.embedded.RedisServer;

/**
 * The stock gate's participant of the order flow against a real Redis: the saga's asks arrive as commands on a
 * command bus, the participant calls the gate once the asking step has committed, and its answers (commands to the
 * Order) are recorded instead of handled.
 */
class StockParticipantIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** How long "nothing was sent" is watched for: well above a gate call that cannot get an answer. */
    private static final Duration QUIET = Duration.ofSeconds(1);

    private static LazyRedisConnection redis;
    private static StockGate gate;
    private static RedisCommands<String, String> admin;

    private final RecordingCommandGateway order = new RecordingCommandGateway();
    private final CommandGateway saga = participantOn(gate, CALL_TIMEOUT);

    @BeforeAll
    static void connect() {
        redis = TestRedis.redisConnection(TestRedis.url());
        gate = TestRedis.stockGate(redis);
        admin = TestRedis.admin(TestRedis.url());
        admin.setnx(StockKeys.ready(), "test");
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void recordsTheReservationWhenEveryLineIsTaken() {
        String sku = stocked(5);
        String orderId = unique("order");

        saga.sendAndWait(new ReserveOrderStock(orderId, List.of(new OrderLine(sku, 2))));

        awaitAnswers(new RecordStockReserved(orderId));
        CommandMessage<?> answer = order.sent().get(0);
        assertThat(answer.getMetaData()).containsEntry(FlowCorrelationDataProvider.CORRELATION_ID, orderId)
                .containsEntry(FlowCorrelationDataProvider.USER, StockParticipant.ACTOR);
        assertThat(available(sku)).isEqualTo(3);
    }

    @Test
    void rejectsTheOrderAsOutOfStockWhenALineIsShortAndTakesNothing() {
        String plenty = stocked(10);
        String scarce = stocked(1);
        String orderId = unique("order");

        saga.sendAndWait(new ReserveOrderStock(orderId, List.of(new OrderLine(plenty, 2), new OrderLine(scarce, 2))));

        awaitAnswers(new RejectOrder(orderId, RejectionReason.OUT_OF_STOCK));
        assertThat(available(plenty)).isEqualTo(10);
        assertThat(available(scarce)).isEqualTo(1);
    }

    @Test
    void rejectsAnOrderOverItsCustomersPurchaseLimitAndTakesNothing() {
        String sku = stocked(10);
        gate.setPurchaseLimit(sku, 1).block(WAIT);
        String orderId = unique("order");

        saga.sendAndWait(new ReserveOrderStock(orderId, unique("customer"), List.of(new OrderLine(sku, 2))));

        awaitAnswers(new RejectOrder(orderId, RejectionReason.PURCHASE_LIMIT_REACHED));
        assertThat(available(sku)).isEqualTo(10);
    }

    @Test
    void recordsTheReleaseAndGivesTheUnitsBack() {
        String sku = stocked(5);
        String orderId = unique("order");
        saga.sendAndWait(new ReserveOrderStock(orderId, List.of(new OrderLine(sku, 2))));
        awaitAnswers(new RecordStockReserved(orderId));

        saga.sendAndWait(new ReleaseOrderStock(orderId));

        awaitAnswers(new RecordStockReserved(orderId), new RecordStockReleased(orderId));
        assertThat(gate.counters(sku).block(WAIT)).isEqualTo(new SkuCounters(sku, 5, 5, 0, 0));
    }

    @Test
    void recordsTheCommit() {
        String sku = stocked(5);
        String orderId = unique("order");
        saga.sendAndWait(new ReserveOrderStock(orderId, List.of(new OrderLine(sku, 2))));
        awaitAnswers(new RecordStockReserved(orderId));

        saga.sendAndWait(new CommitOrderStock(orderId));

        awaitAnswers(new RecordStockReserved(orderId), new RecordStockCommitted(orderId));
        assertThat(gate.counters(sku).block(WAIT)).isEqualTo(new SkuCounters(sku, 5, 3, 0, 2));
    }

    @Test
    void givesTheUnitsStraightBackWhenTheOrderWasCancelledMeanwhile() {
        String sku = stocked(5);
        String orderId = unique("order");
        order.answerWith(command -> {
            if (command instanceof RecordStockReserved) {
                throw RecordingCommandGateway.refusal("order-status-conflict");
            }
            return null;
        });

        saga.sendAndWait(new ReserveOrderStock(orderId, List.of(new OrderLine(sku, 2))));

        awaitAnswers(new RecordStockReserved(orderId));
        await().atMost(WAIT).untilAsserted(() -> assertThat(available(sku)).isEqualTo(5));
        assertThat(gate.reserve(orderId, List.of(new OrderLine(sku, 2))).block(WAIT))
                .isEqualTo(ReservationState.RELEASED);
    }

    @Test
    void aReservationAfterTheTombstoneRejectsTheOrderAndTakesNothing() {
        String sku = stocked(5);
        String orderId = unique("order");
        saga.sendAndWait(new ReleaseOrderStock(orderId));
        awaitAnswers(new RecordStockReleased(orderId));

        saga.sendAndWait(new ReserveOrderStock(orderId, List.of(new OrderLine(sku, 2))));

        awaitAnswers(new RecordStockReleased(orderId), new RejectOrder(orderId, RejectionReason.OUT_OF_STOCK));
        assertThat(available(sku)).isEqualTo(5);
    }

    @Test
    void callsTheGateOnlyOnceTheAskingStepHasCommitted() {
        String sku = stocked(5);
        String orderId = unique("order");
        UnitOfWork<?> step = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("a saga step"));
        try {
            saga.sendAndWait(new ReserveOrderStock(orderId, List.of(new OrderLine(sku, 2))));
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> order.sent().isEmpty()
                    && admin.exists(StockKeys.reservation(orderId)) == 0);
            step.commit();
        } finally {
            endIfActive(step);
        }

        awaitAnswers(new RecordStockReserved(orderId));
        assertThat(available(sku)).isEqualTo(3);
    }

    @Test
    void aStepThatRolledBackNeverCallsTheGate() {
        String sku = stocked(5);
        String orderId = unique("order");
        UnitOfWork<?> step = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("a saga step"));
        try {
            saga.sendAndWait(new ReserveOrderStock(orderId, List.of(new OrderLine(sku, 2))));
            step.rollback();
        } finally {
            endIfActive(step);
        }

        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> order.sent().isEmpty());
        assertThat(admin.exists(StockKeys.reservation(orderId))).isZero();
        assertThat(available(sku)).isEqualTo(5);
    }

    @Test
    void sendsNothingWhileRedisIsDown() {
        RedisServer server = TestRedis.privateServer();
        String url = "redis://127.0.0.1:" + server.ports().get(0);
        TestRedis.stopQuietly(server);
        try (LazyRedisConnection down = TestRedis.redisConnection(url)) {
            CommandGateway sagaOnDownGate = participantOn(TestRedis.stockGate(down), QUIET.dividedBy(4));
            String orderId = unique("order");

            sagaOnDownGate.sendAndWait(new ReserveOrderStock(orderId, List.of(new OrderLine("SKU-1", 1))));
            sagaOnDownGate.sendAndWait(new ReleaseOrderStock(orderId));
            sagaOnDownGate.sendAndWait(new CommitOrderStock(orderId));

            // No answer is the answer: the saga's retry deadline asks again.
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> order.sent().isEmpty());
        }
    }

    // --- helpers ---

    /** The saga's side of the command bus, with the participant subscribed to the asks. */
    private CommandGateway participantOn(StockGate stockGate, Duration callTimeout) {
        SimpleCommandBus asks = SimpleCommandBus.builder().build();
        new AnnotationCommandHandlerAdapter<>(new StockParticipant(stockGate, new SagaCommands(order),
                Schedulers.boundedElastic(), callTimeout)).subscribe(asks);
        return DefaultCommandGateway.builder().commandBus(asks).build();
    }

    /** Leaves no unit of work bound to the test thread when an assertion failed inside one. */
    private static void endIfActive(UnitOfWork<?> step) {
        if (step.isActive()) {
            step.rollback();
        }
    }

    private void awaitAnswers(Object... answers) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(order.sentPayloads()).containsExactly(answers));
    }

    private static String stocked(int units) {
        String sku = unique("SKU");
        assertThat(gate.receive(sku, units, 0).block(WAIT)).isTrue();
        return sku;
    }

    private static long available(String sku) {
        return gate.counters(sku).block(WAIT).available();
    }
}

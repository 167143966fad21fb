package com.allinone.commerce.sagas.inventory;

import static com.allinone.commerce.sagas.common.Participant.callAfterCommit;

import com.allinone.commerce.api.inventory.CommitOrderStock;
import com.allinone.commerce.api.inventory.ReleaseOrderStock;
import com.allinone.commerce.api.inventory.ReserveOrderStock;
import com.allinone.commerce.api.order.RecordStockCommitted;
import com.allinone.commerce.api.order.RecordStockReleased;
import com.allinone.commerce.api.order.RecordStockReserved;
import com.allinone.commerce.api.order.RejectOrder;
import com.allinone.commerce.api.order.RejectionReason;
import com.allinone.commerce.sagas.common.SagaCommands;
import java.time.Duration;
import org.axonframework.commandhandling.CommandHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The stock gate's side of the order flow: does what the saga asks in Redis and answers with a command to the Order,
 * whose event moves the flow on. An answer the gate cannot give yet (Redis down, counters being rebuilt) is no
 * answer; the saga asks again.
 */
public class StockParticipant {

    static final String ACTOR = "system:stock-gate";
    private static final Logger log = LoggerFactory.getLogger(StockParticipant.class);

    private final StockGate gate;
    private final SagaCommands commands;
    private final Scheduler work;
    private final Duration timeout;

    /** @param work where answers are sent: a command appends events over JDBC, never on a Redis I/O thread */
    public StockParticipant(StockGate gate, SagaCommands commands, Scheduler work, Duration timeout) {
        this.gate = gate;
        this.commands = commands;
        this.timeout = timeout;
        this.work = work;
    }

    @CommandHandler
    public void handle(ReserveOrderStock ask) {
        String orderId = ask.orderId();
        callAfterCommit("stock reservation", orderId, ask(gate.reserve(orderId, ask.customerId(), ask.lines()))
                .flatMap(state -> switch (state) {
                    case RESERVED, COMMITTED -> commands.sendAsync(new RecordStockReserved(orderId), orderId, ACTOR)
                            // Refused: the order was cancelled meanwhile; what this call took goes straight back.
                            .onErrorResume(SagaCommands::isRejection, refused -> ask(gate.release(orderId)).then());
                    case SHORT, RELEASED -> reject(orderId, RejectionReason.OUT_OF_STOCK);
                    case LIMIT -> reject(orderId, RejectionReason.PURCHASE_LIMIT_REACHED);
                    default -> Mono.empty();
                }));
    }

    private Mono<Void> reject(String orderId, RejectionReason reason) {
        return commands.sendAsync(new RejectOrder(orderId, reason), orderId, ACTOR)
                .onErrorResume(SagaCommands::isRejection, orderMovedOn -> Mono.empty()).then();
    }

    @CommandHandler
    public void handle(ReleaseOrderStock ask) {
        String orderId = ask.orderId();
        callAfterCommit("stock release", orderId, ask(gate.release(orderId))
                .flatMap(state -> switch (state) {
                    case RELEASED -> commands.sendAsync(new RecordStockReleased(orderId), orderId, ACTOR)
                            // Refused: the order never recorded a reservation, so the release was only a tombstone.
                            .onErrorResume(SagaCommands::isRejection, nothingHeld -> Mono.empty());
                    // SHORT, LIMIT: the order was refused by the gate and holds nothing; nothing to give back.
                    case SHORT, LIMIT, NOT_READY, UNAVAILABLE -> Mono.empty();
                    default -> unexpected(orderId, "released", state);
                }));
    }

    @CommandHandler
    public void handle(CommitOrderStock ask) {
        String orderId = ask.orderId();
        callAfterCommit("stock commit", orderId, ask(gate.commit(orderId))
                .flatMap(state -> switch (state) {
                    case COMMITTED -> commands.sendAsync(new RecordStockCommitted(orderId), orderId, ACTOR);
                    // MISSING: Redis lost the record and the ledger has not restored it yet.
                    case MISSING, NOT_READY, UNAVAILABLE -> Mono.empty();
                    default -> unexpected(orderId, "committed", state);
                }));
    }

    private Mono<ReservationState> ask(Mono<ReservationState> call) {
        return call.timeout(timeout, Mono.just(ReservationState.UNAVAILABLE)).publishOn(work);
    }

    private static Mono<Void> unexpected(String orderId, String wanted, ReservationState state) {
        // The flow keeps asking and this keeps showing, so an operator sees it rather than a silent stall.
        log.error("Order {}: its stock could not be {}, the gate answered {}", orderId, wanted, state);
        return Mono.empty();
    }
}

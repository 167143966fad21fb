package com.allinone.commerce.sagas.inventory;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.inventory.StockDoor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/** The door's reservations in the Redis stock gate: the same all-or-nothing script the flow uses, by orderId. */
public class RedisStockDoor implements StockDoor {

    private final StockGate gate;
    private final Duration timeout;

    public RedisStockDoor(StockGate gate, Duration timeout) {
        this.gate = gate;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Answer> reserve(String orderId, String customerId, List<OrderLine> lines) {
        return gate.take(orderId, customerId, lines)
                .timeout(timeout, Mono.just(StockGate.Reservation.UNAVAILABLE))
                .map(RedisStockDoor::answer)
                .toFuture();
    }

    @Override
    public CompletableFuture<Void> release(String orderId) {
        return gate.release(orderId).timeout(timeout).flatMap(state -> state.isRetryable()
                ? Mono.<Void>error(new IllegalStateException("the stock gate answered " + state))
                : Mono.<Void>empty()).toFuture();
    }

    private static Answer answer(StockGate.Reservation reservation) {
        return switch (reservation.state()) {
            case RESERVED, COMMITTED -> Answer.of(reservation.taken() ? Outcome.RESERVED : Outcome.ALREADY_RESERVED);
            case SHORT -> new Answer(Outcome.SHORT, reservation.shortSkus());
            case LIMIT -> new Answer(Outcome.LIMIT, reservation.shortSkus());
            case RELEASED -> Answer.of(Outcome.RELEASED);
            case MISSING, NOT_READY, UNAVAILABLE -> Answer.of(Outcome.UNAVAILABLE);
        };
    }

}

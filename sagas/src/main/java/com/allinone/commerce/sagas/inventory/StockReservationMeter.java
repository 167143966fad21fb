package com.allinone.commerce.sagas.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

/**
 * {@value #METER}: every reservation the stock gate answered (the door's and the flow's), timed, tagged with its
 * outcome. A timer, not a counter and a timer: its count per outcome is the counter, its sum the latency.
 *
 * <p>Outcomes: the gate's {@link ReservationState} name, except that a RESERVED answer for an order that already held
 * its stock (a retry) is ALREADY_RESERVED, and a call abandoned before the gate answered (the caller's timeout) is
 * CANCELLED.
 */
public final class StockReservationMeter {

    public static final String METER = "commerce.stock.reservations";
    static final String CANCELLED = "CANCELLED";
    static final String ALREADY_RESERVED = "ALREADY_RESERVED";

    private final MeterRegistry registry;

    public StockReservationMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters nowhere: for gates outside a node (tests, tools). */
    public static StockReservationMeter none() {
        return new StockReservationMeter(new SimpleMeterRegistry());
    }

    Mono<StockGate.Reservation> timed(Mono<StockGate.Reservation> reservation) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(registry);
            return reservation
                    .doOnNext(answer -> stop(sample, outcome(answer)))
                    .doOnCancel(() -> stop(sample, CANCELLED));
        });
    }

    static String outcome(StockGate.Reservation answer) {
        return answer.state() == ReservationState.RESERVED && !answer.taken() ? ALREADY_RESERVED
                : answer.state().name();
    }

    private void stop(Timer.Sample sample, String outcome) {
        sample.stop(Timer.builder(METER)
                .description("Stock gate reservations (door and flow) by outcome")
                .tag("outcome", outcome)
                .register(registry));
    }
}

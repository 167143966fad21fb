package com.allinone.commerce.sagas.common;

import io.opentelemetry.context.Context;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * How the order flow's participants talk to systems outside the event store (Redis, the payment provider, the
 * carrier) without holding up the flow: the saga step only sends an ask (a command); its participant starts the
 * outside call once that step has committed, and turns the answer into a command to an aggregate, whose event the
 * saga handles. A step that rolled back therefore never calls out, and no saga thread ever waits on I/O. A call that
 * gets no answer is dropped: the saga's persistent retry deadline asks again.
 */
public final class Participant {

    private static final Logger log = LoggerFactory.getLogger(Participant.class);

    private Participant() {
    }

    /**
     * Runs the call after the current unit of work commits (at once outside one); failures are logged, not thrown.
     * The call carries the trace of the step that asked for it, so the command its answer becomes
     * ({@link SagaCommands#sendAsync}) stays in the order's trace: by then the step's span is no longer current, and
     * the answer arrives on another thread.
     */
    public static void callAfterCommit(String what, String orderId, Mono<?> call) {
        Mono<?> traced = call.contextWrite(SagaCommands.inTrace(Context.current()));
        Runnable start = () -> traced.subscribe(null, failure -> log.warn(
                "Order {}: {} got no answer ({}); the flow asks again", orderId, what, failure.toString()));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> start.run());
        } else {
            start.run();
        }
    }
}

package com.allinone.commerce.sagas.payment;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.payment.AuthorizePayment;
import com.allinone.commerce.api.payment.DeclinePayment;
import com.allinone.commerce.sagas.common.SagaCommands;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Asks the payment provider for a decision without holding up the saga, and turns the answer into a command
 * (AuthorizePayment / DeclinePayment), so the Payment aggregate itself never does I/O. The call starts only once the
 * saga step that asked for it has committed: the payment then exists, and a step that rolled back never charges. A
 * call that gets no answer is simply dropped; the saga's persistent retry asks again.
 */
public class PaymentRelay {

    private static final Logger log = LoggerFactory.getLogger(PaymentRelay.class);
    static final String ACTOR = "system:payment-gateway";

    private final PaymentGateway gateway;
    private final SagaCommands commands;
    private final Scheduler blockingWork;

    public PaymentRelay(PaymentGateway gateway, SagaCommands commands, Scheduler blockingWork) {
        this.gateway = gateway;
        this.commands = commands;
        this.blockingWork = blockingWork;
    }

    public void charge(String paymentId, String orderId, Money amount) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> chargeNow(paymentId, orderId, amount).subscribe());
        } else {
            chargeNow(paymentId, orderId, amount).subscribe();
        }
    }

    Mono<Void> chargeNow(String paymentId, String orderId, Money amount) {
        return gateway.authorize(paymentId, amount)
                // Sending a command appends events over JDBC: never on a timer or event-loop thread.
                .publishOn(blockingWork)
                .flatMap(decision -> commands.sendAsync(toCommand(paymentId, decision), orderId, ACTOR))
                .doOnError(e -> log.warn("Payment {} of order {}: no decision yet ({}); the saga will ask again",
                        paymentId, orderId, e.toString()))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private static Object toCommand(String paymentId, PaymentGateway.PaymentDecision decision) {
        if (decision instanceof PaymentGateway.Authorized authorized) {
            return new AuthorizePayment(paymentId, authorized.gatewayRef());
        }
        return new DeclinePayment(paymentId, ((PaymentGateway.Declined) decision).reason());
    }
}

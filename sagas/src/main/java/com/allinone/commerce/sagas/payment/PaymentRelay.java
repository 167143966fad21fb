package com.allinone.commerce.sagas.payment;

import static com.allinone.commerce.sagas.common.Participant.callAfterCommit;

import com.allinone.commerce.api.payment.AuthorizePayment;
import com.allinone.commerce.api.payment.ChargePayment;
import com.allinone.commerce.api.payment.DeclinePayment;
import com.allinone.commerce.sagas.common.SagaCommands;
import org.axonframework.commandhandling.CommandHandler;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The payment provider's side of the order flow: asks for a decision once the step that requested the payment has
 * committed (the payment then exists, and a step that rolled back never charges), and turns the answer into
 * AuthorizePayment / DeclinePayment, so the Payment aggregate itself never does I/O.
 */
public class PaymentRelay {

    static final String ACTOR = "system:payment-gateway";

    private final PaymentGateway gateway;
    private final SagaCommands commands;
    private final Scheduler work;

    public PaymentRelay(PaymentGateway gateway, SagaCommands commands, Scheduler work) {
        this.gateway = gateway;
        this.commands = commands;
        this.work = work;
    }

    @CommandHandler
    public void handle(ChargePayment ask) {
        callAfterCommit("payment " + ask.paymentId(), ask.orderId(), gateway.authorize(ask.paymentId(), ask.amount())
                .publishOn(work)
                .flatMap(decision -> commands.sendAsync(toCommand(ask.paymentId(), decision), ask.orderId(), ACTOR)
                        // Refused: the payment expired or was decided meanwhile; the aggregate already said what
                        // happens to a late answer (a late authorization is voided there, never refused).
                        .onErrorResume(SagaCommands::isRejection, settled -> Mono.empty())));
    }

    private static Object toCommand(String paymentId, PaymentGateway.PaymentDecision decision) {
        if (decision instanceof PaymentGateway.Authorized authorized) {
            return new AuthorizePayment(paymentId, authorized.gatewayRef());
        }
        return new DeclinePayment(paymentId, ((PaymentGateway.Declined) decision).reason());
    }
}

package com.allinone.commerce.commandside.payment;

import static com.allinone.commerce.commandside.common.FlowEvents.applyInFlow;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.payment.AuthorizePayment;
import com.allinone.commerce.api.payment.DeclinePayment;
import com.allinone.commerce.api.payment.ExpirePayment;
import com.allinone.commerce.api.payment.PaymentAuthorized;
import com.allinone.commerce.api.payment.PaymentDeclined;
import com.allinone.commerce.api.payment.PaymentExpired;
import com.allinone.commerce.api.payment.PaymentRefunded;
import com.allinone.commerce.api.payment.PaymentRequested;
import com.allinone.commerce.api.payment.PaymentVoided;
import com.allinone.commerce.api.payment.RefundPayment;
import com.allinone.commerce.api.payment.RequestPayment;
import com.allinone.commerce.commandside.common.RejectedCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One payment of one order. The gateway's answers arrive as commands, so this aggregate does no I/O. Once expired,
 * a late authorization is voided: the money is never kept for an order that was already given up.
 */
@Aggregate(cache = "aggregateCache")
public class Payment {

    enum State { REQUESTED, AUTHORIZED, DECLINED, EXPIRED, VOIDED, REFUNDED }

    @AggregateIdentifier
    private String paymentId;
    private String orderId;
    private Money amount;
    private State state;

    protected Payment() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RequestPayment command) {
        if (state != null) {
            if (!orderId.equals(command.orderId()) || !amount.equals(command.amount())) {
                throw RejectedCommand.conflict("payment-exists",
                        "Payment " + paymentId + " already exists for another order or amount");
            }
            return;
        }
        if (!command.amount().isPositive()) {
            throw RejectedCommand.unprocessable("payment-amount-not-positive", "A payment must be for more than 0");
        }
        applyInFlow(command.orderId(), new PaymentRequested(command.paymentId(), command.orderId(), command.amount()));
    }

    @CommandHandler
    public void handle(AuthorizePayment command) {
        switch (state) {
            case REQUESTED -> applyInFlow(orderId,
                    new PaymentAuthorized(paymentId, orderId, amount, command.gatewayRef()));
            case EXPIRED -> applyInFlow(orderId, new PaymentVoided(paymentId, orderId, command.gatewayRef()));
            case AUTHORIZED, VOIDED, REFUNDED -> { }
            case DECLINED -> throw RejectedCommand.conflict("payment-declined",
                    "Payment " + paymentId + " was declined and cannot be authorized");
        }
    }

    @CommandHandler
    public void handle(DeclinePayment command) {
        switch (state) {
            case REQUESTED -> applyInFlow(orderId, new PaymentDeclined(paymentId, orderId, command.reason()));
            case DECLINED, EXPIRED -> { }
            case AUTHORIZED, VOIDED, REFUNDED -> throw RejectedCommand.conflict("payment-authorized",
                    "Payment " + paymentId + " was authorized and cannot be declined");
        }
    }

    /** The payment deadline passed. A deadline that fires after the gateway answered changes nothing. */
    @CommandHandler
    public void handle(ExpirePayment command) {
        if (state == State.REQUESTED) {
            applyInFlow(orderId, new PaymentExpired(paymentId, orderId));
        }
    }

    @CommandHandler
    public void handle(RefundPayment command) {
        switch (state) {
            case AUTHORIZED -> applyInFlow(orderId, new PaymentRefunded(paymentId, orderId, amount));
            case REFUNDED -> { }
            default -> throw RejectedCommand.conflict("payment-not-authorized",
                    "Payment " + paymentId + " holds no money to refund (" + state + ")");
        }
    }

    @EventSourcingHandler
    void on(PaymentRequested event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        amount = event.amount();
        state = State.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentAuthorized event) {
        state = State.AUTHORIZED;
    }

    @EventSourcingHandler
    void on(PaymentDeclined event) {
        state = State.DECLINED;
    }

    @EventSourcingHandler
    void on(PaymentExpired event) {
        state = State.EXPIRED;
    }

    @EventSourcingHandler
    void on(PaymentVoided event) {
        state = State.VOIDED;
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        state = State.REFUNDED;
    }
}

package com.allinone.commerce.commandside.payment;

import static com.allinone.commerce.commandside.common.FlowMessages.inFlow;
import static com.allinone.commerce.commandside.common.Rejections.conflict;
import static com.allinone.commerce.commandside.common.Rejections.notFound;
import static com.allinone.commerce.commandside.common.Rejections.unprocessable;

import com.allinone.commerce.api.common.FlowIds;
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
import com.allinone.commerce.commandside.common.RejectionTranslator;
import com.allinone.commerce.commandside.payment.Payment.State;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every payment event is tagged with the orderId, also when an admin sends a command naming only the payment. */
class PaymentTest {

    private static final String ORDER_ID = FlowIds.orderId("alice", "key-1");
    private static final String PAYMENT_ID = FlowIds.paymentId(ORDER_ID);
    private static final Money AMOUNT = Money.of(49_000, "KRW");

    private static final PaymentRequested REQUESTED = new PaymentRequested(PAYMENT_ID, ORDER_ID, AMOUNT);
    private static final PaymentAuthorized AUTHORIZED = new PaymentAuthorized(PAYMENT_ID, ORDER_ID, AMOUNT, "gw-1");
    private static final PaymentDeclined DECLINED = new PaymentDeclined(PAYMENT_ID, ORDER_ID, "insufficient-funds");
    private static final PaymentExpired EXPIRED = new PaymentExpired(PAYMENT_ID, ORDER_ID);
    private static final PaymentVoided VOIDED = new PaymentVoided(PAYMENT_ID, ORDER_ID, "gw-1");
    private static final PaymentRefunded REFUNDED = new PaymentRefunded(PAYMENT_ID, ORDER_ID, AMOUNT);

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerCommandHandlerInterceptor(new RejectionTranslator());
    }

    private static List<Object> history(State state) {
        return switch (state) {
            case REQUESTED -> List.of(REQUESTED);
            case AUTHORIZED -> List.of(REQUESTED, AUTHORIZED);
            case DECLINED -> List.of(REQUESTED, DECLINED);
            case EXPIRED -> List.of(REQUESTED, EXPIRED);
            case VOIDED -> List.of(REQUESTED, EXPIRED, VOIDED);
            case REFUNDED -> List.of(REQUESTED, AUTHORIZED, REFUNDED);
        };
    }

    @Nested
    class Requesting {

        @Test
        void requestsAPaymentForAnOrderInItsFlow() {
            fixture.givenNoPriorActivity()
                    .when(new RequestPayment(PAYMENT_ID, ORDER_ID, AMOUNT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, REQUESTED));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(State.class)
        void requestingTheSamePaymentAgainChangesNothing(State state) {
            fixture.given(history(state))
                    .when(new RequestPayment(PAYMENT_ID, ORDER_ID, AMOUNT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesToRequestItAgainForAnotherAmount() {
            fixture.given(REQUESTED)
                    .when(new RequestPayment(PAYMENT_ID, ORDER_ID, Money.of(1, "KRW")))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("payment-exists"));
        }

        @Test
        void refusesToRequestItAgainForAnotherOrder() {
            fixture.given(REQUESTED)
                    .when(new RequestPayment(PAYMENT_ID, "another-order", AMOUNT))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("payment-exists"));
        }

        @Test
        void refusesAPaymentOfNothing() {
            fixture.givenNoPriorActivity()
                    .when(new RequestPayment(PAYMENT_ID, ORDER_ID, Money.of(0, "KRW")))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(unprocessable("payment-amount-not-positive"));
        }
    }

    @Nested
    class Authorizing {

        @Test
        void authorizesARequestedPaymentForItsAmount() {
            fixture.given(REQUESTED)
                    .when(new AuthorizePayment(PAYMENT_ID, "gw-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, AUTHORIZED));
        }

        @Test
        void voidsAnAuthorizationThatArrivesAfterThePaymentExpired() {
            fixture.given(history(State.EXPIRED))
                    .when(new AuthorizePayment(PAYMENT_ID, "gw-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, VOIDED));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"AUTHORIZED", "VOIDED", "REFUNDED"})
        void authorizingAgainChangesNothing(State state) {
            fixture.given(history(state))
                    .when(new AuthorizePayment(PAYMENT_ID, "gw-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesToAuthorizeADeclinedPayment() {
            fixture.given(history(State.DECLINED))
                    .when(new AuthorizePayment(PAYMENT_ID, "gw-1"))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("payment-declined"));
        }

        @Test
        void anUnknownPaymentIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new AuthorizePayment(PAYMENT_ID, "gw-1"))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionMessage("No such payment")
                    .expectExceptionDetails(notFound("not-found"));
        }
    }

    @Nested
    class Declining {

        @Test
        void declinesARequestedPayment() {
            fixture.given(REQUESTED)
                    .when(new DeclinePayment(PAYMENT_ID, "insufficient-funds"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, DECLINED));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"DECLINED", "EXPIRED"})
        void decliningAPaymentThatGotNoMoneyChangesNothing(State state) {
            fixture.given(history(state))
                    .when(new DeclinePayment(PAYMENT_ID, "insufficient-funds"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"AUTHORIZED", "VOIDED", "REFUNDED"})
        void refusesToDeclineAPaymentThatWasAuthorized(State state) {
            fixture.given(history(state))
                    .when(new DeclinePayment(PAYMENT_ID, "insufficient-funds"))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("payment-authorized"));
        }
    }

    @Nested
    class Expiring {

        @Test
        void expiresAPaymentTheGatewayNeverAnswered() {
            fixture.given(REQUESTED)
                    .when(new ExpirePayment(PAYMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, EXPIRED));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"AUTHORIZED", "DECLINED", "EXPIRED", "VOIDED", "REFUNDED"})
        void aDeadlineThatFiresAfterTheGatewayAnsweredChangesNothing(State state) {
            fixture.given(history(state))
                    .when(new ExpirePayment(PAYMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Refunding {

        @Test
        void refundsTheAuthorizedAmount() {
            fixture.given(history(State.AUTHORIZED))
                    .when(new RefundPayment(PAYMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, REFUNDED));
        }

        @Test
        void refundingAgainChangesNothing() {
            fixture.given(history(State.REFUNDED))
                    .when(new RefundPayment(PAYMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"REQUESTED", "DECLINED", "EXPIRED", "VOIDED"})
        void refusesToRefundAPaymentThatHoldsNoMoney(State state) {
            fixture.given(history(state))
                    .when(new RefundPayment(PAYMENT_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("payment-not-authorized"));
        }
    }
}

package com.allinone.commerce.commandside.shipping;

import static com.allinone.commerce.commandside.common.FlowMessages.inFlow;
import static com.allinone.commerce.commandside.common.Rejections.conflict;
import static com.allinone.commerce.commandside.common.Rejections.notFound;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.ShippingAddress;
import com.allinone.commerce.api.shipping.CancelShipment;
import com.allinone.commerce.api.shipping.CreateShipment;
import com.allinone.commerce.api.shipping.DeliverShipment;
import com.allinone.commerce.api.shipping.DispatchShipment;
import com.allinone.commerce.api.shipping.FailShipment;
import com.allinone.commerce.api.shipping.ShipmentCancelled;
import com.allinone.commerce.api.shipping.ShipmentCreated;
import com.allinone.commerce.api.shipping.ShipmentDelivered;
import com.allinone.commerce.api.shipping.ShipmentDispatched;
import com.allinone.commerce.api.shipping.ShipmentFailed;
import com.allinone.commerce.commandside.common.RejectedCommand;
import com.allinone.commerce.commandside.common.RejectionTranslator;
import com.allinone.commerce.commandside.shipping.Shipment.State;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whichever of dispatch and cancel comes first wins. Every handler answers the orderId, no-ops included, so an admin
 * endpoint can point at the order it affected.
 */
class ShipmentTest {

    private static final String ORDER_ID = FlowIds.orderId("alice", "key-1");
    private static final String SHIPMENT_ID = FlowIds.shipmentId(ORDER_ID);
    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Alice Kim", "1 Sejong-daero", null, "Seoul", "04524", "KR");
    private static final List<OrderLine> LINES = List.of(new OrderLine("MUG-01", 2));

    private static final ShipmentCreated CREATED = new ShipmentCreated(SHIPMENT_ID, ORDER_ID, ADDRESS, LINES);
    private static final ShipmentFailed FAILED = new ShipmentFailed(SHIPMENT_ID, ORDER_ID, "address-unreachable");
    private static final ShipmentDispatched DISPATCHED = new ShipmentDispatched(SHIPMENT_ID, ORDER_ID);
    private static final ShipmentDelivered DELIVERED = new ShipmentDelivered(SHIPMENT_ID, ORDER_ID);
    private static final ShipmentCancelled CANCELLED = new ShipmentCancelled(SHIPMENT_ID, ORDER_ID);

    private AggregateTestFixture<Shipment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Shipment.class);
        fixture.registerCommandHandlerInterceptor(new RejectionTranslator());
    }

    private static List<Object> history(State state) {
        return switch (state) {
            case CREATED -> List.of(CREATED);
            case FAILED -> List.of(CREATED, FAILED);
            case DISPATCHED -> List.of(CREATED, DISPATCHED);
            case DELIVERED -> List.of(CREATED, DISPATCHED, DELIVERED);
            case CANCELLED -> List.of(CREATED, CANCELLED);
        };
    }

    @Nested
    class Creating {

        @Test
        void createsAShipmentForAnOrderInItsFlow() {
            fixture.givenNoPriorActivity()
                    .when(new CreateShipment(SHIPMENT_ID, ORDER_ID, ADDRESS, LINES))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, CREATED))
                    .expectResultMessagePayload(ORDER_ID);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(State.class)
        void creatingItAgainForTheSameOrderChangesNothing(State state) {
            fixture.given(history(state))
                    .when(new CreateShipment(SHIPMENT_ID, ORDER_ID, ADDRESS, LINES))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(ORDER_ID);
        }

        @Test
        void refusesToCreateItAgainForAnotherOrder() {
            fixture.given(CREATED)
                    .when(new CreateShipment(SHIPMENT_ID, "another-order", ADDRESS, LINES))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("shipment-exists"));
        }
    }

    @Nested
    class Failing {

        @Test
        void recordsTheCarriersRefusalOfACreatedShipment() {
            fixture.given(CREATED)
                    .when(new FailShipment(SHIPMENT_ID, "address-unreachable"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, FAILED))
                    .expectResultMessagePayload(ORDER_ID);
        }

        @Test
        void failingAgainChangesNothing() {
            fixture.given(history(State.FAILED))
                    .when(new FailShipment(SHIPMENT_ID, "address-unreachable"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(ORDER_ID);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"DISPATCHED", "DELIVERED", "CANCELLED"})
        void refusesToFailAShipmentThatIsNoLongerWaitingForTheCarrier(State state) {
            fixture.given(history(state))
                    .when(new FailShipment(SHIPMENT_ID, "address-unreachable"))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("shipment-status-conflict"));
        }

        @Test
        void anUnknownShipmentIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new FailShipment(SHIPMENT_ID, "address-unreachable"))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionMessage("No such shipment")
                    .expectExceptionDetails(notFound("not-found"));
        }
    }

    @Nested
    class Dispatching {

        @Test
        void dispatchesACreatedShipment() {
            fixture.given(CREATED)
                    .when(new DispatchShipment(SHIPMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, DISPATCHED))
                    .expectResultMessagePayload(ORDER_ID);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"DISPATCHED", "DELIVERED"})
        void dispatchingAgainChangesNothing(State state) {
            fixture.given(history(state))
                    .when(new DispatchShipment(SHIPMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(ORDER_ID);
        }

        @Test
        void refusesToDispatchACancelledShipment() {
            fixture.given(history(State.CANCELLED))
                    .when(new DispatchShipment(SHIPMENT_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("shipment-cancelled"));
        }

        @Test
        void refusesToDispatchAFailedShipment() {
            fixture.given(history(State.FAILED))
                    .when(new DispatchShipment(SHIPMENT_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("shipment-status-conflict"));
        }
    }

    @Nested
    class Delivering {

        @Test
        void deliversADispatchedShipment() {
            fixture.given(history(State.DISPATCHED))
                    .when(new DeliverShipment(SHIPMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, DELIVERED))
                    .expectResultMessagePayload(ORDER_ID);
        }

        @Test
        void deliveringAgainChangesNothing() {
            fixture.given(history(State.DELIVERED))
                    .when(new DeliverShipment(SHIPMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(ORDER_ID);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"CREATED", "FAILED", "CANCELLED"})
        void refusesToDeliverAShipmentThatWasNotDispatched(State state) {
            fixture.given(history(state))
                    .when(new DeliverShipment(SHIPMENT_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("shipment-not-dispatched"));
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelsAShipmentThatHasNotLeft() {
            fixture.given(CREATED)
                    .when(new CancelShipment(SHIPMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(inFlow(ORDER_ID, CANCELLED))
                    .expectResultMessagePayload(ORDER_ID);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"CANCELLED", "FAILED"})
        void cancellingAShipmentThatWillNeverLeaveChangesNothing(State state) {
            fixture.given(history(state))
                    .when(new CancelShipment(SHIPMENT_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(ORDER_ID);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(names = {"DISPATCHED", "DELIVERED"})
        void refusesToCancelAShipmentThatWasDispatched(State state) {
            fixture.given(history(state))
                    .when(new CancelShipment(SHIPMENT_ID))
                    .expectNoEvents()
                    .expectException(RejectedCommand.class)
                    .expectExceptionDetails(conflict("shipment-already-dispatched"));
        }
    }
}

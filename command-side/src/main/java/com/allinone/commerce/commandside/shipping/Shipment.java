package com.allinone.commerce.commandside.shipping;

import static com.allinone.commerce.commandside.common.FlowEvents.applyInFlow;

import com.allinone.commerce.api.shipping.CancelShipment;
import com.allinone.commerce.api.shipping.CreateShipment;
import com.allinone.commerce.api.shipping.DeliverShipment;
import com.allinone.commerce.api.shipping.DispatchShipment;
import com.allinone.commerce.api.shipping.FailShipment;
import com.allinone.commerce.api.shipping.RecordShipmentBooking;
import com.allinone.commerce.api.shipping.ShipmentBooked;
import com.allinone.commerce.api.shipping.ShipmentCancelled;
import com.allinone.commerce.api.shipping.ShipmentCreated;
import com.allinone.commerce.api.shipping.ShipmentDelivered;
import com.allinone.commerce.api.shipping.ShipmentDispatched;
import com.allinone.commerce.api.shipping.ShipmentFailed;
import com.allinone.commerce.commandside.common.RejectedCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The shipment of one order. Cancelling is refused once dispatched and dispatching once cancelled: whichever comes
 * first wins, which is how a late customer cancellation learns the goods already left. Handlers answer the orderId so
 * an admin endpoint can point at the order it affected.
 */
@Aggregate(cache = "aggregateCache")
public class Shipment {

    enum State { CREATED, FAILED, DISPATCHED, DELIVERED, CANCELLED }

    @AggregateIdentifier
    private String shipmentId;
    private String orderId;
    private State state;
    private boolean booked;

    protected Shipment() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(CreateShipment command) {
        if (state == null) {
            applyInFlow(command.orderId(), new ShipmentCreated(command.shipmentId(), command.orderId(),
                    command.address(), command.lines()));
        } else if (!orderId.equals(command.orderId())) {
            throw RejectedCommand.conflict("shipment-exists", "Shipment " + shipmentId + " belongs to another order");
        }
        return command.orderId();
    }

    @CommandHandler
    public String handle(FailShipment command) {
        switch (state) {
            case CREATED -> applyInFlow(orderId, new ShipmentFailed(shipmentId, orderId, command.reason()));
            case FAILED -> { }
            default -> throw conflict("fail");
        }
        return orderId;
    }

    /** Only a shipment still waiting for its carrier records the booking; once it moved on, the answer is moot. */
    @CommandHandler
    public String handle(RecordShipmentBooking command) {
        if (state == State.CREATED && !booked) {
            applyInFlow(orderId, new ShipmentBooked(shipmentId, orderId));
        }
        return orderId;
    }

    @CommandHandler
    public String handle(DispatchShipment command) {
        switch (state) {
            case CREATED -> applyInFlow(orderId, new ShipmentDispatched(shipmentId, orderId));
            case DISPATCHED, DELIVERED -> { }
            case CANCELLED -> throw RejectedCommand.conflict("shipment-cancelled",
                    "Shipment " + shipmentId + " was cancelled and cannot be dispatched");
            case FAILED -> throw conflict("dispatch");
        }
        return orderId;
    }

    @CommandHandler
    public String handle(DeliverShipment command) {
        switch (state) {
            case DISPATCHED -> applyInFlow(orderId, new ShipmentDelivered(shipmentId, orderId));
            case DELIVERED -> { }
            default -> throw RejectedCommand.conflict("shipment-not-dispatched",
                    "Shipment " + shipmentId + " has not been dispatched (" + state + ")");
        }
        return orderId;
    }

    @CommandHandler
    public String handle(CancelShipment command) {
        switch (state) {
            case CREATED -> applyInFlow(orderId, new ShipmentCancelled(shipmentId, orderId));
            case CANCELLED, FAILED -> { }
            case DISPATCHED, DELIVERED -> throw RejectedCommand.conflict("shipment-already-dispatched",
                    "Shipment " + shipmentId + " has already been dispatched");
        }
        return orderId;
    }

    private RejectedCommand conflict(String action) {
        return RejectedCommand.conflict("shipment-status-conflict",
                "Cannot " + action + " shipment " + shipmentId + " while it is " + state);
    }

    @EventSourcingHandler
    void on(ShipmentCreated event) {
        shipmentId = event.shipmentId();
        orderId = event.orderId();
        state = State.CREATED;
    }

    @EventSourcingHandler
    void on(ShipmentBooked event) {
        booked = true;
    }

    @EventSourcingHandler
    void on(ShipmentFailed event) {
        state = State.FAILED;
    }

    @EventSourcingHandler
    void on(ShipmentDispatched event) {
        state = State.DISPATCHED;
    }

    @EventSourcingHandler
    void on(ShipmentDelivered event) {
        state = State.DELIVERED;
    }

    @EventSourcingHandler
    void on(ShipmentCancelled event) {
        state = State.CANCELLED;
    }
}

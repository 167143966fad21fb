package com.allinone.commerce.sagas.shipping;

import static com.allinone.commerce.sagas.common.Participant.callAfterCommit;

import com.allinone.commerce.api.shipping.BookShipment;
import com.allinone.commerce.api.shipping.FailShipment;
import com.allinone.commerce.api.shipping.RecordShipmentBooking;
import com.allinone.commerce.sagas.common.SagaCommands;
import org.axonframework.commandhandling.CommandHandler;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The carrier's side of the order flow: books the shipment once the step that created it has committed, and answers
 * with RecordShipmentBooking or FailShipment. A refusal on the Shipment's side (it was cancelled or dispatched
 * meanwhile) makes the answer moot.
 */
public class CarrierRelay {

    static final String ACTOR = "system:carrier";

    private final ShipmentCarrier carrier;
    private final SagaCommands commands;
    private final Scheduler work;

    public CarrierRelay(ShipmentCarrier carrier, SagaCommands commands, Scheduler work) {
        this.carrier = carrier;
        this.commands = commands;
        this.work = work;
    }

    @CommandHandler
    public void handle(BookShipment ask) {
        callAfterCommit("carrier booking", ask.orderId(), carrier.book(ask.shipmentId(), ask.address())
                .publishOn(work)
                .flatMap(booking -> commands.sendAsync(booking.accepted()
                                ? new RecordShipmentBooking(ask.shipmentId())
                                : new FailShipment(ask.shipmentId(), booking.refusalReason()), ask.orderId(), ACTOR)
                        .onErrorResume(SagaCommands::isRejection, shipmentMovedOn -> Mono.empty())));
    }
}

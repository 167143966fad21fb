package com.allinone.commerce.api.shipping;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The carrier accepted the shipment: the order flow stops asking it. */
public record RecordShipmentBooking(@TargetAggregateIdentifier String shipmentId) {

    public RecordShipmentBooking {
        shipmentId = Checks.id("shipmentId", shipmentId);
    }
}

package com.allinone.commerce.api.shipping;

import com.allinone.commerce.api.common.Checks;
import com.allinone.commerce.api.common.ShippingAddress;
import org.axonframework.commandhandling.RoutingKey;

/**
 * The order flow asks the carrier to take a shipment. The carrier's participant answers with RecordShipmentBooking or
 * FailShipment; no answer means ask again.
 */
public record BookShipment(@RoutingKey String shipmentId, String orderId, ShippingAddress address) {

    public BookShipment {
        shipmentId = Checks.id("shipmentId", shipmentId);
        orderId = Checks.id("orderId", orderId);
        Checks.present("address", address);
    }
}

package com.allinone.commerce.sagas.shipping;

import com.allinone.commerce.api.common.ShippingAddress;
import reactor.core.publisher.Mono;

/**
 * The port towards a carrier: book a shipment for an address. Booking is idempotent by shipmentId. An error means
 * no answer (the carrier is down); the saga asks again later.
 */
public interface ShipmentCarrier {

    Mono<Booking> book(String shipmentId, ShippingAddress address);

    /** The carrier's answer: accepted, or refused with a reason (it does not deliver there, say). */
    record Booking(boolean accepted, String refusalReason) {

        public static Booking accept() {
            return new Booking(true, null);
        }

        public static Booking refuse(String reason) {
            return new Booking(false, reason);
        }
    }
}

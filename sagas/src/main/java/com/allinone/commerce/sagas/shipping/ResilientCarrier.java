package com.allinone.commerce.sagas.shipping;

import com.allinone.commerce.api.common.ShippingAddress;
import com.allinone.commerce.sagas.common.ResilientCall;
import reactor.core.publisher.Mono;

/** The carrier behind timeout, retry and circuit breaker; safe to retry because booking is idempotent. */
public class ResilientCarrier implements ShipmentCarrier {

    private final ShipmentCarrier carrier;
    private final ResilientCall guard;

    public ResilientCarrier(ShipmentCarrier carrier, ResilientCall guard) {
        this.carrier = carrier;
        this.guard = guard;
    }

    @Override
    public Mono<Booking> book(String shipmentId, ShippingAddress address) {
        return guard.call(Mono.defer(() -> carrier.book(shipmentId, address)));
    }
}

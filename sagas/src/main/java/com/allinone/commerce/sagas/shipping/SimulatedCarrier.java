package com.allinone.commerce.sagas.shipping;

import com.allinone.commerce.api.common.ShippingAddress;
import com.allinone.commerce.sagas.common.GatewayUnavailableException;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Mono;

/** A carrier in-process: refuses configured postal codes, fails a share of calls, answers after a latency. */
public class SimulatedCarrier implements ShipmentCarrier {

    private final CarrierSimulatorSettings settings;

    public SimulatedCarrier(CarrierSimulatorSettings settings) {
        this.settings = settings;
    }

    @Override
    public Mono<Booking> book(String shipmentId, ShippingAddress address) {
        return Mono.defer(() -> {
            if (ThreadLocalRandom.current().nextDouble() < settings.failureRate()) {
                return Mono.error(new GatewayUnavailableException("simulated carrier failure"));
            }
            if (settings.refusedPostalCodes().contains(address.postalCode())) {
                return Mono.just(Booking.refuse("no-delivery-to-" + address.postalCode()));
            }
            return Mono.just(Booking.accept());
        }).delaySubscription(settings.latency());
    }
}

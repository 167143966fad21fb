package com.allinone.commerce.sagas.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code commerce.payment.simulator.*}: the simulated payment provider.
 *
 * @param latency      how long each answer takes
 * @param declineAbove amounts (minor units) above this are declined; 0 declines nothing
 * @param failureRate  share of calls, 0 to 1, that fail as if the provider were down
 */
@ConfigurationProperties("commerce.payment.simulator")
public record PaymentSimulatorSettings(@DefaultValue("200ms") Duration latency,
                                       @DefaultValue("100000000") long declineAbove,
                                       @DefaultValue("0") double failureRate) {

    public PaymentSimulatorSettings {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("commerce.payment.simulator.failure-rate must be between 0 and 1");
        }
    }
}

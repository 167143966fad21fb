package com.allinone.commerce.sagas.shipping;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code commerce.carrier.simulator.*}: the simulated carrier.
 *
 * @param latency            how long each answer takes
 * @param refusedPostalCodes postal codes the carrier does not deliver to (comma-separated)
 * @param failureRate        share of calls, 0 to 1, that fail as if the carrier were down
 */
@ConfigurationProperties("commerce.carrier.simulator")
public record CarrierSimulatorSettings(@DefaultValue("0ms") Duration latency,
                                       @DefaultValue("00000") Set<String> refusedPostalCodes,
                                       @DefaultValue("0") double failureRate) {
}

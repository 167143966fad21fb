package com.allinone.commerce.sagas.common;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code commerce.gateway.*}: how calls to the payment provider and the carrier are guarded.
 *
 * @param timeout  longest wait for one attempt
 * @param attempts attempts per call, the first included
 * @param backoff  wait before the second attempt, doubled for each later one
 * @param openFor  how long an open circuit breaker refuses calls before trying again
 */
@ConfigurationProperties("commerce.gateway")
public record GatewaySettings(@DefaultValue("5s") Duration timeout,
                              @DefaultValue("3") int attempts,
                              @DefaultValue("200ms") Duration backoff,
                              @DefaultValue("10s") Duration openFor) {
}

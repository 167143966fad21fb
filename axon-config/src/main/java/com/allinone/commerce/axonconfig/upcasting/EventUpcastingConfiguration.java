package com.allinone.commerce.axonconfig.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The upcasters of every node. Axon's Spring Boot auto-configuration registers each EventUpcaster bean with its
 * configuration, and every event store it builds reads through that configuration's chain: the JDBC store (H2,
 * PostgreSQL) and Axon Server's alike, for aggregates, sagas and projectors. One chain bean keeps the upcasters' order
 * in code, which @Order values on separate beans would hide.
 */
@AutoConfiguration
public class EventUpcastingConfiguration {

    /** Oldest revision first: each upcaster takes what the one before it produced. Append, never reorder. */
    @Bean
    public EventUpcasterChain commerceEventUpcasters() {
        return new EventUpcasterChain(
                new OrderPlacedUnitsUpcaster());
    }
}

package com.allinone.commerce.axonconfig;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import com.allinone.commerce.axonconfig.web.StrictRequestBodies;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** What every node shares whatever its stores: correlation of the order flow, strict request bodies. */
@AutoConfiguration
public class AxonNodeConfiguration {

    @Bean
    public CorrelationDataProvider flowCorrelationDataProvider() {
        return new FlowCorrelationDataProvider();
    }

    /**
     * A failing event handler must not be skipped: Axon's default logs the error and moves the token past the event,
     * silently losing it. Propagating makes the processor retry with back-off instead. Projector groups of the query
     * node park failures in their dead-letter queue rather than stopping (QueryNodeAxonConfiguration).
     */
    @Bean
    public ConfigurerModule failingHandlersAreRetriedNotSkipped() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    public StrictRequestBodies strictRequestBodies(ObjectMapper objectMapper) {
        return new StrictRequestBodies(objectMapper);
    }
}

package com.allinone.commerce.axonconfig;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import com.allinone.commerce.axonconfig.web.StrictRequestBodies;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    public StrictRequestBodies strictRequestBodies(ObjectMapper objectMapper) {
        return new StrictRequestBodies(objectMapper);
    }
}

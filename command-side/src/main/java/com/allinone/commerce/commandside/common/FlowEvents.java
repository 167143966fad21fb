package com.allinone.commerce.commandside.common;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import org.axonframework.messaging.MetaData;

/**
 * Applies an event tagged with the flow it belongs to. Payment and shipment commands from an admin carry no order id,
 * but their aggregates know it, so the correlation id of every order-flow event is the orderId whoever sent the
 * command (DESIGN §3).
 */
public final class FlowEvents {

    private FlowEvents() {
    }

    public static void applyInFlow(String flowId, Object event) {
        apply(event, MetaData.with(FlowCorrelationDataProvider.CORRELATION_ID, flowId));
    }
}

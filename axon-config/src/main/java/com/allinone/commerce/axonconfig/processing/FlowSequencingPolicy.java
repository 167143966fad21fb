package com.allinone.commerce.axonconfig.processing;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Sequences events by their flow (the correlation id every aggregate stamps on its events: the orderId for Order,
 * Payment and Shipment events, the SKU for Product and Inventory). An order's whole flow is then handled in order by
 * one thread, and a failure parks the whole flow in the dead-letter queue, never just one aggregate's part of it.
 */
public class FlowSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object flow = event.getMetaData().get(FlowCorrelationDataProvider.CORRELATION_ID);
        if (flow != null) {
            return flow;
        }
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }
}

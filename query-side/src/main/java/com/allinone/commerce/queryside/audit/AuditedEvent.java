package com.allinone.commerce.queryside.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;

/**
 * One stored event as an auditor reads it: where it sits (aggregate, sequence), what it says (type, payload) and
 * who caused it. The metadata is all of it, as stored: the acting {@code user}, the flow's {@code correlationId},
 * the {@code causationId} of the message that caused it and the {@code traceId} of its chain (see
 * FlowCorrelationDataProvider), and whatever else a node recorded; an audit must not pick and choose.
 */
public record AuditedEvent(String aggregateType, String aggregateId, long sequence, String eventId, String type,
                           Instant timestamp, JsonNode payload, Map<String, Object> metadata) {

    /**
     * @param eventSerializer the serializer events are stored with: the payload is its JSON as stored (after any
     *                        upcasting), taken from the stored form rather than re-rendered by a mapper of today
     */
    public static AuditedEvent of(DomainEventMessage<?> event, Serializer eventSerializer) {
        return new AuditedEvent(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getIdentifier(), event.getPayloadType().getSimpleName(), event.getTimestamp(),
                event.serializePayload(eventSerializer, JsonNode.class).getData(),
                new TreeMap<>(event.getMetaData()));
    }
}

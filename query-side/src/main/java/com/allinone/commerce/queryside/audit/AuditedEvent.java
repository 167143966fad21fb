package com.allinone.commerce.queryside.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * One stored event as an auditor reads it: where it sits (aggregate, sequence), what it says (type, payload) and
 * who caused it. The metadata is all of it, as stored: the acting {@code user}, the flow's {@code correlationId},
 * the {@code causationId} of the message that caused it and the {@code traceId} of its chain (see
 * FlowCorrelationDataProvider), and whatever else a node recorded; an audit must not pick and choose.
 */
public record AuditedEvent(String aggregateType, String aggregateId, long sequence, String eventId, String type,
                           Instant timestamp, JsonNode payload, Map<String, Object> metadata) {

    /** @param json the mapper that turns the payload (an {@code api} record, upcast to today's shape) into JSON */
    public static AuditedEvent of(DomainEventMessage<?> event, ObjectMapper json) {
        return new AuditedEvent(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getIdentifier(), event.getPayloadType().getSimpleName(), event.getTimestamp(),
                json.valueToTree(event.getPayload()), new TreeMap<>(event.getMetaData()));
    }
}

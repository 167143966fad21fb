package com.allinone.commerce.commandside.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An aggregate as it stood after one of its events: {@code version} and {@code timestamp} are that event's sequence
 * and time, {@code state} the aggregate's fields then.
 */
public record PastState(String aggregateId, String aggregateType, long version, Instant timestamp, JsonNode state) {
}

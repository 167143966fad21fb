package com.allinone.commerce.commandside.audit;

import com.allinone.commerce.api.common.InvalidValueException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Up to where an aggregate's history is folded: every event stored at or before an instant ({@code at}), every event
 * up to and including a sequence ({@code version}), or, with neither, all of it.
 */
record PointInHistory(Instant at, Long version) {

    static final String AT = "at";
    static final String VERSION = "version";
    private static final PointInHistory LATEST = new PointInHistory(null, null);

    /** From the query parameters as sent; a 400 naming the parameter for anything else. */
    static PointInHistory parse(String at, String version) {
        if (at != null && version != null) {
            throw new InvalidValueException(VERSION, "give either at or version, not both");
        }
        if (at != null) {
            return new PointInHistory(instant(at), null);
        }
        if (version != null) {
            return new PointInHistory(null, sequence(version));
        }
        return LATEST;
    }

    boolean includes(DomainEventMessage<?> event) {
        if (at != null) {
            return !event.getTimestamp().isAfter(at);
        }
        return version == null || event.getSequenceNumber() <= version;
    }

    /** Whether folding stopped short of what was asked: a version the aggregate has not reached. */
    boolean beyond(long lastSequence) {
        return version != null && version > lastSequence;
    }

    @Override
    public String toString() {
        return at != null ? "at " + at : version != null ? "version " + version : "now";
    }

    private static Instant instant(String at) {
        try {
            // ISO_INSTANT: 2026-03-01T09:30:00Z, with fractions of a second, or with an offset such as +09:00
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(AT, "must be an ISO-8601 instant such as 2026-03-01T09:30:00Z");
        }
    }

    private static long sequence(String version) {
        long sequence;
        try {
            sequence = Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw new InvalidValueException(VERSION, "must be an event sequence, a whole number");
        }
        if (sequence < 0) {
            throw new InvalidValueException(VERSION, "must not be negative");
        }
        return sequence;
    }
}

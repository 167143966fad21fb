package com.allinone.commerce.queryside.audit;

import com.allinone.commerce.api.common.InvalidValueException;
import java.util.List;

/**
 * The keyset of an aggregate's history: its event sequence. A page is asked for as "the events after sequence n"
 * ({@code afterSequence}, absent for the first page), so the cursor is the plain sequence of the last event sent,
 * which an auditor can also read off any event and resume from.
 */
final class HistoryPaging {

    static final String AFTER_SEQUENCE = "afterSequence";

    private HistoryPaging() {
    }

    /** The first sequence to read: 0 without a cursor, the one after it with. A 400 naming the cursor otherwise. */
    static long firstSequenceAfter(String afterSequence) {
        if (afterSequence == null) {
            return 0;
        }
        long last;
        try {
            last = Long.parseLong(afterSequence);
        } catch (NumberFormatException e) {
            throw new InvalidValueException(AFTER_SEQUENCE, "must be the sequence of an event, a whole number");
        }
        if (last < 0) {
            throw new InvalidValueException(AFTER_SEQUENCE, "must not be negative");
        }
        if (last == Long.MAX_VALUE) {
            throw new InvalidValueException(AFTER_SEQUENCE, "no event follows sequence " + last);
        }
        return last + 1;
    }

    /**
     * The page of at most {@code limit} events out of {@code fetched}, which holds one more when there is more: its
     * presence, not a count, says a next page exists.
     */
    static HistoryPage page(String aggregateId, List<AuditedEvent> fetched, int limit) {
        List<AuditedEvent> events = fetched.size() > limit ? List.copyOf(fetched.subList(0, limit)) : fetched;
        Long next = fetched.size() > limit ? events.get(limit - 1).sequence() : null;
        String type = events.isEmpty() ? null : events.get(0).aggregateType();
        return new HistoryPage(aggregateId, type, events, next);
    }
}

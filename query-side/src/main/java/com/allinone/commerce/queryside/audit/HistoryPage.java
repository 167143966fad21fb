package com.allinone.commerce.queryside.audit;

import java.util.List;

/**
 * One page of an aggregate's history, in sequence order. {@code nextAfterSequence} is the cursor of the next page
 * (pass it as {@code afterSequence}), null when this page reached the end of the stream as it stood. Sequences are the
 * aggregate's own and never change, so paging by them skips and repeats nothing while new events are appended.
 */
public record HistoryPage(String aggregateId, String aggregateType, List<AuditedEvent> events,
                          Long nextAfterSequence) {
}

package com.allinone.commerce.queryside.audit;

import java.time.Instant;

/** One step of an order's story: which aggregate moved, who moved it, and what happened, in a line. */
public record TimelineEntry(Instant timestamp, String aggregateType, String aggregateId, long sequence, String type,
                            String actor, String summary) {
}

package com.allinone.commerce.readmodels.common;

import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * Per document, the last sequence applied from each of its source aggregates ({@code seq} in the document), or that
 * there is no document yet.
 */
final class AppliedSequences {

    private final boolean exists;
    private final Map<String, Long> bySource = new HashMap<>();

    private AppliedSequences(boolean exists) {
        this.exists = exists;
    }

    static AppliedSequences none() {
        return new AppliedSequences(false);
    }

    static AppliedSequences of(Document document) {
        AppliedSequences applied = new AppliedSequences(true);
        if (document.get("seq") instanceof Document sequences) {
            sequences.forEach((source, value) -> {
                if (value instanceof Number number) {
                    applied.bySource.put(source, number.longValue());
                }
            });
        }
        return applied;
    }

    boolean exists() {
        return exists;
    }

    /** -1 when nothing of the source was applied yet. */
    long of(String source) {
        return bySource.getOrDefault(source, -1L);
    }

    /** What the document will hold once the batch's writes are flushed. */
    AppliedSequences with(String source, long sequence) {
        AppliedSequences next = new AppliedSequences(true);
        next.bySource.putAll(bySource);
        next.bySource.put(source, sequence);
        return next;
    }
}

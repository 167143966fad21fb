package com.allinone.commerce.readmodels.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Read models held against the fold of the event store (the JSON of
 * {@code GET /api/audit/reconciliation/read-models}; the README says what each field means).
 *
 * @param consistent         no mismatch, nothing missing or extra, and the status counts agree where they were
 *                           compared; documents that lag or are ahead do not count against it
 * @param checkedAt          when the check started
 * @param eventsRead         events read from the store, up to its head when the fold started
 * @param orders             orders folded from them
 * @param projectorPosition  how far the projector had handled the store when the documents were read; null when
 *                           unknown (then a missing document counts as lagging)
 * @param lagging            documents behind their order's last Order event ({@code seq.order} below it), or
 *                           missing while the projector has not reached their order
 * @param ahead              documents that applied Order events newer than the fold (written during the check);
 *                           a document claiming Order events the store does not have is a {@code seq.order} mismatch
 * @param mismatches         the first {@value ReadModelReport#LISTED} field differences of documents at the fold's
 *                           sequence
 * @param missing            orders whose document does not exist though the projector has passed their first event
 * @param extra              documents whose order has no event in the store
 */
public record ReadModelReport(boolean consistent, Instant checkedAt, String collection, long eventsRead, long orders,
                              Long projectorPosition, Sample lagging, Sample ahead, long mismatchCount,
                              List<Mismatch> mismatches, Sample missing, Sample extra, StatusCounts statusCounts) {

    /** How many mismatches, missing and extra documents a report names (the counts cover them all). */
    public static final int LISTED = 100;
    /** How many lagging or ahead orders a report names. */
    public static final int LISTED_IN_MOTION = 10;

    /** A count, and the first orders it counts. */
    public record Sample(long count, List<String> orderIds) {
    }

    /**
     * One field of one order's document that differs from the fold: {@code status}, {@code total}, {@code lines}, or
     * {@code seq.order} when the document cannot say which Order event it applied or claims one the store does not
     * have (expected: the store's last Order sequence).
     */
    public record Mismatch(String orderId, String field, Object expected, Object actual) {
    }

    /**
     * Orders per status: {@code expected} from the fold, {@code actual} from the admin figures recomputed at the
     * start of the check. {@code compared} only when both describe the same moment (the projector had caught up with
     * the store before the figures were recomputed, and no event came in before the fold began); {@code note} says
     * which.
     */
    public record StatusCounts(Map<String, Long> expected, Map<String, Long> actual, boolean compared,
                               boolean agree, String note) {
    }
}

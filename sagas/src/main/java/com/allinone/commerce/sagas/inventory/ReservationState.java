package com.allinone.commerce.sagas.inventory;

/**
 * What the stock gate answers about an order's reservation (DESIGN §5). {@link #NOT_READY} and {@link #UNAVAILABLE}
 * are not answers about the order but about the gate: the caller retries later.
 */
public enum ReservationState {
    /** Every line was taken (now, or by an earlier call for the same order). */
    RESERVED,
    /** A line was short; nothing was taken. */
    SHORT,
    /** A line would take the customer over the SKU's purchase limit; nothing was taken. */
    LIMIT,
    /** Given back, or released before anything was reserved (a tombstone): a later reserve takes nothing. */
    RELEASED,
    /** The units left the warehouse for good. */
    COMMITTED,
    /** The order has no reservation record (commit of an unknown order). */
    MISSING,
    /** Redis answers but the ledger has not (re)built the counters yet. */
    NOT_READY,
    /** Redis did not answer in time. */
    UNAVAILABLE;

    /** Whether the gate itself could not decide, so the step must be retried later. */
    public boolean isRetryable() {
        return this == NOT_READY || this == UNAVAILABLE;
    }
}

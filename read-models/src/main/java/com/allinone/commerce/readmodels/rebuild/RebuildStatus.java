package com.allinone.commerce.readmodels.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * A rebuild as an operator sees it: its state (BUILDING, VERIFYING, SWITCHING, then SWITCHED, FAILED or ABORTED),
 * the events fed so far, the store position reached against the head when it started ({@code total}), the current
 * rate, the seconds left ({@code etaSeconds}), the rate over each fifth of the history, the check's verdict (with the
 * read-model reconciliation's report for {@code my-orders}) and why it failed.
 */
public record RebuildStatus(String readModel, String state, long processed, long position, long total,
                            long eventsPerSecond, Long etaSeconds, Instant startedAt, List<Long> eventsPerSecondByFifth,
                            String check, Object checkDetails, String failure) {

    public boolean finished() {
        return !ProjectionRebuild.State.valueOf(state).running();
    }
}

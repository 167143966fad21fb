package com.allinone.commerce.axonconfig.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.EventTrackerStatus;

/**
 * Where one streaming processor stands against the head of the event store, as this node sees it.
 *
 * @param running   whether the processor runs on this node
 * @param segments  the segments this node holds (query nodes share them: the others are another node's concern)
 * @param position  the slowest held segment's position; for a stopped processor the last one seen; null when this
 *                  node cannot tell (it never saw the processor hold a segment)
 * @param lag       events between {@code position} and the head; null when the position is unknown
 * @param replaying whether a segment is still replaying events it had handled before a token reset (a rebuild)
 * @param error     whether a segment is in error (retrying); shown, but its lag decides
 */
public record ProcessorLag(String processor, boolean running, int segments, Long position, Long lag,
                           boolean replaying, boolean error) {

    /** A running processor that holds the given segments. */
    static ProcessorLag of(String processor, Collection<EventTrackerStatus> held, long head) {
        long slowest = Long.MAX_VALUE;
        boolean replaying = false;
        boolean error = false;
        for (EventTrackerStatus segment : held) {
            // A segment without a token has handled nothing yet.
            long position = segment.getCurrentPosition().orElse(-1);
            slowest = Math.min(slowest, position);
            replaying |= stillReplaying(segment, position);
            error |= segment.isErrorState();
        }
        return new ProcessorLag(processor, true, held.size(), slowest, Math.max(0, head - slowest), replaying, error);
    }

    /**
     * Axon keeps a segment "replaying" until the first event after its reset position, so a replay that has come back
     * to where it was reset, with no new event since, still says so. It has replayed everything by then.
     */
    private static boolean stillReplaying(EventTrackerStatus segment, long position) {
        return segment.isReplaying()
                && (segment.getResetPosition().isEmpty() || position < segment.getResetPosition().getAsLong());
    }

    /** A running processor holding no segment: another node has them, or its claim is still to come. */
    static ProcessorLag holdingNothing(String processor) {
        return new ProcessorLag(processor, true, 0, null, null, false, false);
    }

    /** A processor that does not run here; its lag grows from where it was last seen, if it ever was. */
    static ProcessorLag stopped(String processor, Long lastPosition, long head) {
        return new ProcessorLag(processor, false, 0, lastPosition,
                lastPosition == null ? null : Math.max(0, head - lastPosition), false, false);
    }

    /** Serves answers fresh enough: not rebuilding, and not further behind than allowed (or not measurable here). */
    public boolean caughtUp(long maxLag) {
        return !replaying && (lag == null || lag <= maxLag);
    }

    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("running", running);
        details.put("segments", segments);
        details.put("position", position);
        details.put("lag", lag);
        details.put("replaying", replaying);
        details.put("error", error);
        return details;
    }
}

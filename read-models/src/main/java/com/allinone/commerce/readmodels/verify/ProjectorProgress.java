package com.allinone.commerce.readmodels.verify;

import java.util.Collection;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * How far a projector has come: the point in the event store up to which every one of its segments has handled
 * every event, its writes durable (the projectors flush a batch before its token moves). An order whose first event
 * lies within it must have its document; one beyond it may not have one yet.
 */
@FunctionalInterface
public interface ProjectorProgress {

    /** Nobody can tell: a missing document then always counts as lagging, never as missing. */
    ProjectorProgress UNKNOWN = Optional::empty;

    /** The lowest point every segment has handled, or empty when this node cannot tell. */
    Optional<TrackingToken> handled();

    /**
     * The progress of the processor of a processing group running on this node. Empty while it is not running, while
     * a segment has no token yet, and while this node does not hold every segment (query nodes share them; the others'
     * positions are not visible here, and reading them from the token store would claim them).
     */
    static ProjectorProgress ofProcessingGroup(EventProcessingConfiguration processing, String processingGroup) {
        return () -> processing.eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class)
                .filter(EventProcessor::isRunning)
                .flatMap(processor -> lowestOfEverySegment(processor.processingStatus().values()));
    }

    static Optional<TrackingToken> lowestOfEverySegment(Collection<EventTrackerStatus> segments) {
        TrackingToken lowest = null;
        double share = 0;
        for (EventTrackerStatus segment : segments) {
            if (segment.getTrackingToken() == null) {
                return Optional.empty();
            }
            // A replay's token stands where the replay is, not where it will end.
            TrackingToken token = WrappedToken.unwrapLowerBound(segment.getTrackingToken());
            lowest = lowest == null ? token : lowest.lowerBound(token);
            share += 1.0 / (segment.getSegment().getMask() + 1L);
        }
        // Segments are powers-of-two shares of the whole, so their sum is exact in a double.
        return share == 1.0 ? Optional.ofNullable(lowest) : Optional.empty();
    }

    /** Whether the event at {@code position} in the store is within what {@code handled} covers. */
    static boolean covers(TrackingToken handled, long position) {
        if (handled instanceof GapAwareTrackingToken gapAware) {
            // An event still in a gap committed late and is not handled yet, even below the index.
            return position <= gapAware.getIndex() && !gapAware.getGaps().contains(position);
        }
        return handled.position().isPresent() && position <= handled.position().getAsLong();
    }
}

package com.allinone.commerce.readmodels.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** How far a projector has come, from its segments' tokens. */
class ProjectorProgressTest {

    @Test
    void anEventInAGapIsNotCoveredEvenBelowTheIndex() {
        GapAwareTrackingToken handled = GapAwareTrackingToken.newInstance(10, List.of(7L));

        assertThat(ProjectorProgress.covers(handled, 6)).isTrue();
        assertThat(ProjectorProgress.covers(handled, 7)).isFalse();
        assertThat(ProjectorProgress.covers(handled, 10)).isTrue();
        assertThat(ProjectorProgress.covers(handled, 11)).isFalse();
        assertThat(ProjectorProgress.covers(new GlobalSequenceTrackingToken(5), 5)).isTrue();
        assertThat(ProjectorProgress.covers(new GlobalSequenceTrackingToken(5), 6)).isFalse();
    }

    @Test
    void theProgressIsTheSlowestSegmentOnceEverySegmentIsHere() {
        Segment[] halves = Segment.ROOT_SEGMENT.split();
        Optional<TrackingToken> both = ProjectorProgress.lowestOfEverySegment(List.of(
                status(halves[0], GapAwareTrackingToken.newInstance(20, List.of())),
                status(halves[1], GapAwareTrackingToken.newInstance(12, List.of()))));
        Optional<TrackingToken> one = ProjectorProgress.lowestOfEverySegment(List.of(
                status(halves[0], GapAwareTrackingToken.newInstance(20, List.of()))));

        assertThat(both).map(token -> token.position().getAsLong()).contains(12L);
        assertThat(one).as("the other half is held by another node").isEmpty();
    }

    @Test
    void aReplayStandsWhereItIsAndASegmentWithoutTokenIsUnknown() {
        TrackingToken replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(50, List.of()),
                GapAwareTrackingToken.newInstance(5, List.of()));

        assertThat(ProjectorProgress.lowestOfEverySegment(List.of(status(Segment.ROOT_SEGMENT, replay))))
                .map(token -> token.position().getAsLong()).contains(5L);
        assertThat(ProjectorProgress.lowestOfEverySegment(List.of(status(Segment.ROOT_SEGMENT, null)))).isEmpty();
        assertThat(ProjectorProgress.lowestOfEverySegment(List.of())).isEmpty();
    }

    private static EventTrackerStatus status(Segment segment, TrackingToken token) {
        EventTrackerStatus status = Mockito.mock(EventTrackerStatus.class);
        Mockito.when(status.getSegment()).thenReturn(segment);
        Mockito.when(status.getTrackingToken()).thenReturn(token);
        return status;
    }
}

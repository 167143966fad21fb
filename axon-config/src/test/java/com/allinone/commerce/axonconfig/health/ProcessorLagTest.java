package com.allinone.commerce.axonconfig.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class ProcessorLagTest {

    private static final long MAX_LAG = 100;

    @Test
    void theSlowestHeldSegmentDecidesTheLag() {
        ProcessorLag lag = ProcessorLag.of("p", List.of(at(990L), at(850L)), 1_000);

        assertThat(lag.lag()).isEqualTo(150);
        assertThat(lag.caughtUp(MAX_LAG)).isFalse();
        assertThat(lag.caughtUp(150)).isTrue();
    }

    @Test
    void aSegmentThatHasHandledNothingIsBehindByTheWholeStore() {
        assertThat(ProcessorLag.of("p", List.of(at(null)), 500).lag()).isEqualTo(501);
    }

    @Test
    void aReplayIsNotCaughtUpEvenWithinTheAllowedLag() {
        ProcessorLag lag = ProcessorLag.of("p", List.of(replaying(950, 1_000)), 1_000);

        assertThat(lag.lag()).isEqualTo(50);
        assertThat(lag.replaying()).isTrue();
        assertThat(lag.caughtUp(MAX_LAG)).isFalse();
    }

    @Test
    void aReplayBackAtItsResetPositionIsCaughtUpThoughAxonStillCallsItReplaying() {
        ProcessorLag lag = ProcessorLag.of("p", List.of(replaying(1_000, 1_000)), 1_000);

        assertThat(lag.replaying()).isFalse();
        assertThat(lag.caughtUp(MAX_LAG)).isTrue();
    }

    @Test
    void aStoppedProcessorFallsBehindFromWhereItWasLastSeen() {
        assertThat(ProcessorLag.stopped("p", 900L, 950).caughtUp(MAX_LAG)).isTrue();
        assertThat(ProcessorLag.stopped("p", 900L, 1_001).caughtUp(MAX_LAG)).isFalse();
    }

    @Test
    void whatThisNodeCannotMeasureDoesNotHoldItBack() {
        assertThat(ProcessorLag.stopped("p", null, 1_000_000).caughtUp(MAX_LAG)).isTrue();
        assertThat(ProcessorLag.holdingNothing("p").caughtUp(MAX_LAG)).isTrue();
    }

    private static EventTrackerStatus at(Long position) {
        return new Status(position == null ? null : new GlobalSequenceTrackingToken(position));
    }

    private static EventTrackerStatus replaying(long position, long resetAt) {
        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(resetAt), null);
        for (long p = 0; p <= position; p++) {
            replay = ((ReplayToken) replay).advancedTo(new GlobalSequenceTrackingToken(p));
            if (!(replay instanceof ReplayToken)) {
                throw new IllegalStateException("the replay ended at " + p);
            }
        }
        return new Status(replay);
    }

    /** Axon's status as a pooled processor reports it, reduced to what the lag reads. */
    private record Status(TrackingToken token) implements EventTrackerStatus {

        @Override
        public Segment getSegment() {
            return Segment.ROOT_SEGMENT;
        }

        @Override
        public boolean isCaughtUp() {
            return false;
        }

        @Override
        public boolean isReplaying() {
            return ReplayToken.isReplay(token);
        }

        @Override
        public boolean isMerging() {
            return false;
        }

        @Override
        public OptionalLong mergeCompletedPosition() {
            return OptionalLong.empty();
        }

        @Override
        public TrackingToken getTrackingToken() {
            return token;
        }

        @Override
        public boolean isErrorState() {
            return false;
        }

        @Override
        public Throwable getError() {
            return null;
        }

        @Override
        public OptionalLong getCurrentPosition() {
            return token == null ? OptionalLong.empty() : token.position();
        }

        @Override
        public OptionalLong getResetPosition() {
            return token instanceof ReplayToken replay ? replay.getTokenAtReset().position() : OptionalLong.empty();
        }
    }
}

package com.allinone.commerce.commandside.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.allinone.commerce.api.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointInHistoryTest {

    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void anInstantIncludesEveryEventStoredUpToItAndNoLater() {
        PointInHistory noon = PointInHistory.parse("2026-03-01T12:00:00Z", null);

        assertThat(noon.includes(event(0, NOON.minusMillis(1)))).isTrue();
        assertThat(noon.includes(event(1, NOON))).isTrue();
        assertThat(noon.includes(event(2, NOON.plusNanos(1000)))).isFalse();
    }

    @Test
    void anInstantMayCarryAnOffsetOrFractions() {
        assertThat(PointInHistory.parse("2026-03-01T21:00:00+09:00", null).at()).isEqualTo(NOON);
        assertThat(PointInHistory.parse("2026-03-01T12:00:00.123456Z", null).at())
                .isEqualTo(NOON.plusNanos(123_456_000));
    }

    @Test
    void aVersionIncludesTheEventsUpToAndWithThatSequence() {
        PointInHistory version1 = PointInHistory.parse(null, "1");

        assertThat(version1.includes(event(1, NOON))).isTrue();
        assertThat(version1.includes(event(2, NOON))).isFalse();
        assertThat(version1.beyond(0)).as("asked for more than the aggregate has").isTrue();
        assertThat(version1.beyond(1)).isFalse();
    }

    @Test
    void withNeitherTheWholeHistoryCounts() {
        PointInHistory now = PointInHistory.parse(null, null);

        assertThat(now.includes(event(Long.MAX_VALUE - 1, Instant.MAX))).isTrue();
        assertThat(now.beyond(0)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-03-01", "2026-03-01T12:00:00", "2026-03-01 12:00:00Z",
            "2026-13-01T12:00:00Z", "1709294400"})
    void refusesAnAtThatIsNotAnInstantNamingIt(String at) {
        assertThatThrownBy(() -> PointInHistory.parse(at, null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("at"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "latest", "1.0", "-1", "99999999999999999999"})
    void refusesAVersionThatIsNotASequenceNamingIt(String version) {
        assertThatThrownBy(() -> PointInHistory.parse(null, version))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("version"));
    }

    @Test
    void refusesAtAndVersionTogether() {
        assertThatThrownBy(() -> PointInHistory.parse("2026-03-01T12:00:00Z", "3"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("version");
                    assertThat(e.reason()).contains("either at or version");
                });
    }

    private static DomainEventMessage<?> event(long sequence, Instant timestamp) {
        return new GenericDomainEventMessage<>("Order", "order-1", sequence, "payload", MetaData.emptyInstance(),
                "event-" + sequence, timestamp);
    }
}

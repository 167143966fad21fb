package com.allinone.commerce.queryside.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.allinone.commerce.api.common.InvalidValueException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryPagingTest {

    @Test
    void withoutACursorTheHistoryStartsAtItsFirstEvent() {
        assertThat(HistoryPaging.firstSequenceAfter(null)).isZero();
    }

    @Test
    void aCursorResumesRightAfterTheEventItNames() {
        assertThat(HistoryPaging.firstSequenceAfter("0")).isEqualTo(1);
        assertThat(HistoryPaging.firstSequenceAfter("41")).isEqualTo(42);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.5", " 3", "-1", "99999999999999999999", "9223372036854775807"})
    void refusesACursorThatNamesNoEventNamingTheParameter(String afterSequence) {
        assertThatThrownBy(() -> HistoryPaging.firstSequenceAfter(afterSequence))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("afterSequence"));
    }

    @Test
    void aFullPageWithMoreBehindItPointsAtItsLastEvent() {
        HistoryPage page = HistoryPaging.page("order-1", events(5, 6, 7), 2);

        assertThat(page.events()).extracting(AuditedEvent::sequence).containsExactly(5L, 6L);
        assertThat(page.nextAfterSequence()).isEqualTo(6);
        assertThat(page.aggregateType()).isEqualTo("Order");
    }

    @Test
    void thePageThatReachesTheEndHasNoCursor() {
        assertThat(HistoryPaging.page("order-1", events(5, 6), 2).nextAfterSequence()).isNull();
        assertThat(HistoryPaging.page("order-1", events(5), 2).nextAfterSequence()).isNull();
        assertThat(HistoryPaging.page("order-1", events(), 2).events()).isEmpty();
    }

    private static List<AuditedEvent> events(long... sequences) {
        return LongStream.of(sequences).mapToObj(sequence -> new AuditedEvent("Order", "order-1", sequence,
                "event-" + sequence, "OrderConfirmed", Instant.EPOCH, JsonNodeFactory.instance.objectNode(),
                Map.of())).toList();
    }
}

package com.allinone.commerce.queryside.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChronologyTest {

    private record Event(String name, long second) {
        Instant at() {
            return Instant.ofEpochSecond(second);
        }
    }

    @Test
    void interleavesStreamsInTheOrderThingsHappened() {
        List<Event> order = List.of(new Event("placed", 1), new Event("paid", 4), new Event("confirmed", 5));
        List<Event> payment = List.of(new Event("requested", 2), new Event("authorized", 3));
        List<Event> shipment = List.of(new Event("created", 6));

        assertThat(Chronology.merge(List.of(order, payment, shipment), Event::at)).extracting(Event::name)
                .containsExactly("placed", "requested", "authorized", "paid", "confirmed", "created");
    }

    @Test
    void eventsAtTheSameInstantKeepTheOrderTheStreamsWereGiven() {
        List<Event> order = List.of(new Event("order", 1));
        List<Event> payment = List.of(new Event("payment", 1));

        assertThat(Chronology.merge(List.of(order, payment), Event::at)).extracting(Event::name)
                .containsExactly("order", "payment");
    }

    @Test
    void aStreamKeepsItsOwnOrderEvenWhereItsClockSteppedBack() {
        List<Event> order = List.of(new Event("placed", 5), new Event("confirmed", 3));
        List<Event> payment = List.of(new Event("requested", 4));

        assertThat(Chronology.merge(List.of(order, payment), Event::at)).extracting(Event::name)
                .containsExactly("requested", "placed", "confirmed");
    }

    @Test
    void nothingToMergeIsNothing() {
        assertThat(Chronology.merge(List.of(List.<Event>of(), List.of()), Event::at)).isEmpty();
    }
}

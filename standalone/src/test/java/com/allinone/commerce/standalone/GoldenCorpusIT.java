package com.allinone.commerce.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.standalone.GoldenCorpus.Expected;
import com.allinone.commerce.standalone.GoldenCorpus.StoredEvent;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Events as they were stored stay readable and mean what they meant (issue 10): every golden corpus
 * ({@link GoldenCorpus}) goes through this app's event serializer and upcaster chain, the ones its event store reads
 * with, and must give the aggregate states and read-model documents it gave when it was recorded.
 */
class GoldenCorpusIT extends StandaloneTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"events-v1"})
    void everyStoredEventDeserializesToTheCurrentEventClasses(String corpus) {
        List<StoredEvent> stored = GoldenCorpus.events(corpus).events();

        List<TrackedEventMessage<?>> events = GoldenCorpus.tracked(stored, serializer(), upcasterChain());

        assertThat(events).hasSameSizeAs(stored);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getIdentifier()).isEqualTo(stored.get(i).eventIdentifier());
            assertThat(events.get(i).getPayload()).as("event %s", stored.get(i).globalIndex())
                    .isNotNull().extracting(payload -> payload.getClass().getName())
                    .isEqualTo(stored.get(i).payloadType());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"events-v1"})
    void everyAggregateFoldsIntoTheStateItHadWhenRecorded(String corpus) {
        Expected expected = GoldenCorpus.expected(corpus);

        var folded = GoldenFold.fold(GoldenCorpus.events(corpus).events(), serializer(), upcasterChain());

        assertThat(folded).isEqualTo(expected.aggregates());
    }

    @ParameterizedTest
    @ValueSource(strings = {"events-v1"})
    void everyReadModelProjectsToTheDocumentsItHadWhenRecorded(String corpus) {
        Expected expected = GoldenCorpus.expected(corpus);
        List<TrackedEventMessage<?>> events = GoldenCorpus.tracked(GoldenCorpus.events(corpus).events(),
                serializer(), upcasterChain());

        var projected = GoldenProjection.project(applicationContext, events);

        assertThat(projected.keySet()).isEqualTo(expected.readModels().keySet());
        projected.forEach((collection, documents) -> assertThat(documents).as(collection)
                .isEqualTo(expected.readModels().get(collection)));
    }

    private Serializer serializer() {
        return applicationContext.getBean("eventSerializer", Serializer.class);
    }

    /** The chain Axon's configuration gives every event store it builds (JDBC, Axon Server). */
    private EventUpcaster upcasterChain() {
        return applicationContext.getBean(Configuration.class).upcasterChain();
    }
}

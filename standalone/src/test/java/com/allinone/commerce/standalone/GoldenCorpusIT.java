package com.allinone.commerce.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.readmodels.catalog.CatalogProjector;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import com.allinone.commerce.readmodels.timeline.OrderTimelineProjector;
import com.allinone.commerce.standalone.GoldenCorpus.Expected;
import com.allinone.commerce.standalone.GoldenCorpus.StoredEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events as they were stored stay readable and mean what they meant (issue 10): every golden corpus
 * ({@link GoldenCorpus}) goes through this app's event serializer and upcaster chain, the ones its event store reads
 * with, and must give the aggregate states and read-model documents it gave when it was recorded, changed only as
 * {@link #INTENDED_CHANGES} says.
 */
class GoldenCorpusIT extends StandaloneTestSupport {

    /** Every corpus in src/test/resources/golden, oldest first. A new one is added here. */
    static Stream<String> corpora() {
        return Stream.of("events-v1");
    }

    /**
     * Per corpus, what later changes (to an event's shape or to a read model's) altered on purpose in what it projects
     * to, applied in order to the documents it was recorded with. Anything else that differs is a regression. A new
     * change adds itself to every older corpus.
     */
    private static final Map<String, List<UnaryOperator<Map<String, List<JsonNode>>>>> INTENDED_CHANGES = Map.of(
            "events-v1", List.of(GoldenCorpusIT::orderPlacedRevision2, GoldenCorpusIT::catalogSequenceInSeq));

    /**
     * OrderPlaced revision 2 carries units: "my orders" keeps them, and the auditors' timeline shows the payload with
     * them. The units are those of the order's lines.
     */
    private static Map<String, List<JsonNode>> orderPlacedRevision2(Map<String, List<JsonNode>> documents) {
        documents.get(MyOrdersProjector.COLLECTION).forEach(order -> withUnitsOfLines((ObjectNode) order));
        documents.get(OrderTimelineProjector.COLLECTION).stream()
                .filter(entry -> entry.path("type").asText().equals("OrderPlaced"))
                .forEach(entry -> withUnitsOfLines((ObjectNode) entry.get("payload")));
        return documents;
    }

    /**
     * The catalog keeps its product's last applied sequence where every sourced document does, in {@code seq} (since
     * projectors write in batches), rather than in {@code lastSequence}.
     */
    private static Map<String, List<JsonNode>> catalogSequenceInSeq(Map<String, List<JsonNode>> documents) {
        documents.get(CatalogProjector.COLLECTION).forEach(product -> {
            ObjectNode document = (ObjectNode) product;
            document.putObject("seq").set("product", document.remove("lastSequence"));
        });
        return documents;
    }

    private static void withUnitsOfLines(ObjectNode order) {
        int units = 0;
        for (JsonNode line : order.path("lines")) {
            units += line.path("quantity").asInt();
        }
        order.put("units", units);
    }

    @ParameterizedTest
    @MethodSource("corpora")
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
    @MethodSource("corpora")
    void storedOrderPlacedEventsComeOutAsRevision2WithTheUnitsOfTheirLines(String corpus) {
        List<StoredEvent> stored = GoldenCorpus.events(corpus).events().stream()
                .filter(e -> e.payloadType().equals(OrderPlaced.class.getName())).toList();
        assertThat(stored).isNotEmpty();

        List<IntermediateEventRepresentation> upcast = upcasterChain().upcast(stored.stream()
                .map(e -> new InitialEventRepresentation(e.entry(), serializer()))).toList();
        List<TrackedEventMessage<?>> events = GoldenCorpus.tracked(stored, serializer(), upcasterChain());

        assertThat(upcast).extracting(r -> r.getType().getRevision()).containsOnly("2");
        assertThat(events).extracting(e -> (OrderPlaced) e.getPayload()).allSatisfy(placed -> assertThat(placed.units())
                .isPositive().isEqualTo(placed.lines().stream().mapToInt(PricedLine::quantity).sum()));
    }

    @ParameterizedTest
    @MethodSource("corpora")
    void everyAggregateFoldsIntoTheStateItHadWhenRecorded(String corpus) {
        Expected expected = GoldenCorpus.expected(corpus);

        var folded = GoldenFold.fold(GoldenCorpus.events(corpus).events(), serializer(), upcasterChain());

        assertThat(folded).isEqualTo(expected.aggregates());
    }

    @ParameterizedTest
    @MethodSource("corpora")
    void everyReadModelProjectsToTheDocumentsItHadWhenRecorded(String corpus) {
        Map<String, List<JsonNode>> expected = asIntendedNow(corpus);
        List<TrackedEventMessage<?>> events = GoldenCorpus.tracked(GoldenCorpus.events(corpus).events(),
                serializer(), upcasterChain());

        var projected = GoldenProjection.project(applicationContext, events);

        assertThat(projected.keySet()).isEqualTo(expected.keySet());
        SoftAssertions.assertSoftly(softly -> expected.forEach((collection, documents) ->
                softly.assertThat(projected.get(collection)).as(collection).isEqualTo(documents)));
    }

    /** The documents the corpus was recorded with, changed as {@link #INTENDED_CHANGES} says. */
    private static Map<String, List<JsonNode>> asIntendedNow(String corpus) {
        Map<String, List<JsonNode>> documents = GoldenCorpus.expected(corpus).readModels();
        for (UnaryOperator<Map<String, List<JsonNode>>> change : INTENDED_CHANGES.getOrDefault(corpus, List.of())) {
            documents = change.apply(documents);
        }
        return documents;
    }

    private Serializer serializer() {
        return applicationContext.getBean("eventSerializer", Serializer.class);
    }

    /** The chain Axon's configuration gives every event store it builds (JDBC, Axon Server). */
    private EventUpcaster upcasterChain() {
        return applicationContext.getBean(Configuration.class).upcasterChain();
    }
}

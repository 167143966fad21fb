package com.allinone.commerce.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * A golden corpus: events exactly as the JDBC event store kept them ({@code domainevententry} rows: payload and
 * metadata bytes as the event serializer wrote them, payload type and revision, aggregate, sequence, timestamp), and
 * the results they gave when they were recorded: every aggregate's state folded from them and every read-model
 * document projected from them. A schema change must leave both as they were (or change them exactly as it says).
 *
 * <p>Corpora live in {@code src/test/resources/golden/} as {@code <name>.json} and {@code <name>.expected.json}; they
 * are recorded once, by {@link GoldenCorpusRecorder}, and never rewritten: a later schema change records a corpus of
 * its own and keeps the old ones passing.
 */
final class GoldenCorpus {

    static final String FOLDER = "golden";
    /** Readable, stable files: a corpus is reviewed in diffs. */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** One stored event. {@code payload} and {@code metaData} are the stored bytes, as UTF-8 text. */
    record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                       String type, String timestamp, String payloadType, String payloadRevision, String payload,
                       String metaData) {

        /** The entry the JDBC engine builds from this row before upcasting. */
        GenericDomainEventEntry<byte[]> entry() {
            return new GenericDomainEventEntry<>(type, aggregateIdentifier, sequenceNumber, eventIdentifier,
                    timestamp, payloadType, payloadRevision, bytes(payload), bytes(metaData));
        }

        /** The same, as the engine hands it to a tracking processor (JDBC tokens are gap-aware). */
        TrackedDomainEventData<byte[]> trackedEntry() {
            return new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(globalIndex, Set.of()), entry());
        }

        private static byte[] bytes(String text) {
            return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The corpus file: what it holds, then the events in global order. */
    record Events(String description, List<StoredEvent> events) {
    }

    /** What the corpus gave when it was recorded. Keys: {@code "<aggregate type>/<id>"} and collection names. */
    record Expected(Map<String, JsonNode> aggregates, Map<String, List<JsonNode>> readModels) {
    }

    private GoldenCorpus() {
    }

    // --- reading, the way the event store reads ---

    /** Every event through the upcaster chain and the serializer, as a tracking processor receives them. */
    static List<TrackedEventMessage<?>> tracked(List<StoredEvent> events, Serializer serializer,
                                                EventUpcaster upcasterChain) {
        return EventUtils.upcastAndDeserializeTrackedEvents(events.stream().map(StoredEvent::trackedEntry),
                serializer, upcasterChain).toList();
    }

    /** One aggregate's events through the upcaster chain and the serializer, as its repository sources them. */
    static DomainEventStream aggregateStream(List<StoredEvent> events, String aggregateIdentifier,
                                             Serializer serializer, EventUpcaster upcasterChain) {
        Stream<GenericDomainEventEntry<byte[]>> entries = events.stream()
                .filter(e -> e.aggregateIdentifier().equals(aggregateIdentifier))
                .map(StoredEvent::entry);
        return EventStreamUtils.upcastAndDeserializeDomainEvents(entries, serializer, upcasterChain);
    }

    static List<DomainEventMessage<?>> domainEvents(DomainEventStream stream) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        stream.forEachRemaining(events::add);
        return events;
    }

    // --- files ---

    static Events events(String name) {
        return read(name + ".json", Events.class);
    }

    static Expected expected(String name) {
        return read(name + ".expected.json", Expected.class);
    }

    private static <T> T read(String file, Class<T> type) {
        try (InputStream in = GoldenCorpus.class.getResourceAsStream("/" + FOLDER + "/" + file)) {
            if (in == null) {
                throw new IllegalStateException("No golden corpus file " + file + " on the test classpath");
            }
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a new file; an existing one is never replaced (a corpus is history). */
    static void writeNew(Path file, Object content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(content) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- recording ---

    /** Every row of the JDBC event store, in global order. */
    static List<StoredEvent> storedEvents(DataSource dataSource) {
        String sql = "SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, "
                + "payloadtype, payloadrevision, payload, metadata FROM domainevententry ORDER BY globalindex";
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                events.add(new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                        rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                        text(rows.getBytes(9)), text(rows.getBytes(10))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}

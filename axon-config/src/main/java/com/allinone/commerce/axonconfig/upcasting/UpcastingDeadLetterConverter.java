package com.allinone.commerce.axonconfig.upcasting;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.eventhandling.deadletter.DeadLetterEventEntry;
import org.axonframework.extensions.mongo.eventhandling.deadletter.DeadLetterMongoConverter;
import org.axonframework.extensions.mongo.eventhandling.deadletter.EventMessageDeadLetterMongoConverter;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Reads parked events through the upcasters, as the event store reads stored ones. A projector's dead letter keeps the
 * payload as it was serialized when it was parked; Axon's own converter deserializes it as is, so a letter parked
 * before a schema change (an OrderPlaced without units) would be handled, once retried, with the field missing.
 * Letters are written exactly as Axon's converter writes them.
 */
public class UpcastingDeadLetterConverter implements DeadLetterMongoConverter<EventMessage<?>> {

    private final EventMessageDeadLetterMongoConverter axons = new EventMessageDeadLetterMongoConverter();
    private final EventUpcaster upcasterChain;
    private final EventEntryConfiguration entries;

    /** @param entries the property names of the queue's letters (the queue's own configuration) */
    public UpcastingDeadLetterConverter(EventUpcaster upcasterChain, EventEntryConfiguration entries) {
        this.upcasterChain = upcasterChain;
        this.entries = entries;
    }

    @Override
    public DeadLetterEventEntry convert(EventMessage<?> message, Serializer serializer) {
        return axons.convert(message, serializer);
    }

    @Override
    public EventMessage<?> convert(DeadLetterEventEntry entry, Serializer serializer) {
        List<IntermediateEventRepresentation> upcast = upcasterChain
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        if (upcast.size() != 1) {
            // Only one-to-one upcasters exist; a letter split or dropped by a future one must not vanish silently.
            throw new IllegalStateException("Dead letter " + entry.getEventIdentifier() + " upcasts to "
                    + upcast.size() + " events");
        }
        IntermediateEventRepresentation event = upcast.get(0);
        SerializedObject<?> parked = entry.getPayload();
        if (event.getType().equals(parked.getType())) {
            return axons.convert(entry, serializer);
        }
        // The same letter with the upcast payload, in the representation the letter had (JSON text here), and its
        // bytes (the tracking token) as MongoDB hands them back, which is what the entry reads.
        Document letter = entry.asDocument(entries)
                .append(entries.payloadProperty(), event.getData(parked.getContentType()).getData())
                .append(entries.payloadTypeProperty(), event.getType().getName())
                .append(entries.payloadRevisionProperty(), event.getType().getRevision());
        letter.replaceAll((name, value) -> value instanceof byte[] bytes ? new Binary(bytes) : value);
        return axons.convert(new DeadLetterEventEntry(letter, entries), serializer);
    }

    @Override
    public boolean canConvert(DeadLetterEventEntry entry) {
        return axons.canConvert(entry);
    }

    @Override
    public boolean canConvert(EventMessage<?> message) {
        return axons.canConvert(message);
    }
}

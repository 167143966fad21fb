package com.allinone.commerce.axonconfig.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.order.OrderPlaced;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.mongo.eventhandling.deadletter.DeadLetterEventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class UpcastingDeadLetterConverterTest {

    private static final String LINES = "\"lines\":[{\"sku\":\"MUG-01\",\"quantity\":2,"
            + "\"unitPrice\":{\"amount\":1000,\"currency\":\"KRW\"},\"lineTotal\":{\"amount\":2000,\"currency\":\"KRW\"}},"
            + "{\"sku\":\"TEE-02\",\"quantity\":3,"
            + "\"unitPrice\":{\"amount\":1000,\"currency\":\"KRW\"},\"lineTotal\":{\"amount\":3000,\"currency\":\"KRW\"}}]";

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
            .build();
    private final UpcastingDeadLetterConverter converter = new UpcastingDeadLetterConverter(
            new EventUpcastingConfiguration().commerceEventUpcasters(), EventEntryConfiguration.getDefault());

    @Test
    void aLetterParkedBeforeOrderPlacedCarriedUnitsIsRetriedWithThem() {
        DeadLetterEventEntry parked = converter.convert(storedOrderPlaced(null, "{\"orderId\":\"o-1\"," + LINES + "}"),
                serializer);
        assertThat(parked.getPayload().getType().getRevision()).as("parked as it was stored").isNull();

        EventMessage<?> retried = converter.convert(parked, serializer);

        assertThat(retried).isInstanceOf(TrackedEventMessage.class);
        assertThat(retried.getIdentifier()).isEqualTo("e-1");
        assertThat(((TrackedEventMessage<?>) retried).trackingToken())
                .isEqualTo(GapAwareTrackingToken.newInstance(41, Set.of()));
        assertThat(((OrderPlaced) retried.getPayload()).units()).isEqualTo(5);
        assertThat(retried.getMetaData()).containsEntry("correlationId", "o-1");
    }

    @Test
    void aLetterParkedAfterwardsIsRetriedAsItWasParked() {
        DeadLetterEventEntry parked = converter.convert(storedOrderPlaced("2", "{\"orderId\":\"o-1\"," + LINES
                + ",\"units\":7}"), serializer);

        assertThat(((OrderPlaced) converter.convert(parked, serializer).getPayload()).units()).isEqualTo(7);
    }

    /** An OrderPlaced as a processor receives it from the event store: still in its stored serialized form. */
    private GenericTrackedDomainEventMessage<?> storedOrderPlaced(String revision, String json) {
        SerializedMessage<?> stored = new SerializedMessage<>("e-1",
                new SimpleSerializedObject<>(json, String.class, OrderPlaced.class.getName(), revision),
                serializer.serialize(MetaData.with("correlationId", "o-1"), String.class), serializer);
        return new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(41, Set.of()), "Order",
                "o-1", 0, stored, () -> Instant.parse("2026-12-01T15:07:45.376Z"));
    }
}

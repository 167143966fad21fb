package com.allinone.commerce.axonconfig.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderStockReserved;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class OrderPlacedUnitsUpcasterTest {

    /** An OrderPlaced exactly as revision 1 stored it (golden corpus events-v1), two lines of 2 and 3 units. */
    private static final String REVISION_1 = """
            {"orderId":"0d49fdbc-feea-3986-8ae6-33f680e8a3bc","customerId":"golden-customer","lines":[\
            {"sku":"GOLD-RUNNER","quantity":2,"unitPrice":{"amount":119000,"currency":"KRW","positive":true},\
            "lineTotal":{"amount":238000,"currency":"KRW","positive":true}},\
            {"sku":"GOLD-SOCKS","quantity":3,"unitPrice":{"amount":9000,"currency":"KRW","positive":true},\
            "lineTotal":{"amount":27000,"currency":"KRW","positive":true}}],\
            "total":{"amount":265000,"currency":"KRW","positive":true},"shippingAddress":{"name":"Kim Minji",\
            "line1":"1 Sejong-daero","line2":null,"city":"Seoul","postalCode":"04524","country":"KR"},\
            "requestHash":"v2:e1342fe1","stockHeld":true}""";

    /** The event serializer's mapper reads stored events leniently (Spring Boot's: unknown fields are ignored). */
    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
            .build();
    private final EventUpcasterChain chain = new EventUpcastingConfiguration().commerceEventUpcasters();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void givesAStoredOrderPlacedTheUnitsOfItsLinesAsRevision2() throws Exception {
        IntermediateEventRepresentation upcast = upcastOne(stored(OrderPlaced.class, null, REVISION_1));

        assertThat(upcast.getType()).isEqualTo(new SimpleSerializedType(OrderPlaced.class.getName(), "2"));
        ObjectNode expected = (ObjectNode) json.readTree(REVISION_1);
        expected.put("units", 5);
        assertThat(upcast.getData(JsonNode.class).getData()).isEqualTo(expected);

        OrderPlaced event = serializer.deserialize(new SimpleSerializedObject<>(
                upcast.getData(byte[].class).getData(), byte[].class, upcast.getType()));
        assertThat(event.units()).isEqualTo(5);
        assertThat(event.lines()).hasSize(2);
        assertThat(event.stockHeld()).isTrue();
    }

    @Test
    void anOrderPlacedFromBeforeDoorReservationKeepsLackingStockHeld() throws Exception {
        ObjectNode beforeDoorReservation = (ObjectNode) json.readTree(REVISION_1);
        beforeDoorReservation.remove("stockHeld");

        JsonNode upcast = upcastOne(stored(OrderPlaced.class, null, beforeDoorReservation.toString()))
                .getData(JsonNode.class).getData();

        assertThat(upcast.get("units").asInt()).isEqualTo(5);
        assertThat(upcast.has("stockHeld")).as("stockHeld is not this upcaster's to invent").isFalse();
    }

    @Test
    void leavesAnOrderPlacedOfRevision2AsItIs() throws Exception {
        // Deliberately not the sum of the lines: a stored revision 2 event says what it says.
        ObjectNode revision2 = (ObjectNode) json.readTree(REVISION_1);
        revision2.put("units", 7);
        InitialEventRepresentation stored = stored(OrderPlaced.class, "2", revision2.toString());

        IntermediateEventRepresentation upcast = upcastOne(stored);

        assertThat(upcast).isSameAs(stored);
        assertThat(upcast.getData(JsonNode.class).getData().get("units").asInt()).isEqualTo(7);
    }

    @Test
    void leavesOtherEventsAsTheyAre() {
        InitialEventRepresentation stored = stored(OrderStockReserved.class, null,
                "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"GOLD-SOCKS\",\"quantity\":3}]}");

        assertThat(upcastOne(stored)).isSameAs(stored);
    }

    private IntermediateEventRepresentation upcastOne(InitialEventRepresentation stored) {
        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(stored)).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }

    /** A row as the JDBC store reads it: payload and metadata bytes, payload type and revision. */
    private InitialEventRepresentation stored(Class<?> type, String revision, String payload) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("Order", "o-1", 0, "e-1",
                Instant.parse("2026-12-01T15:07:45.376Z"), type.getName(), revision,
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)), serializer);
    }
}

package com.allinone.commerce.axonconfig.upcasting;

import com.allinone.commerce.api.order.OrderPlaced;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * OrderPlaced revision 2 added {@code units}, the sum of the lines' quantities. Every OrderPlaced stored before has no
 * revision and no such field; without this, Jackson would read it as 0 units. Its lines are in the same payload, so
 * the value the command side would have written is derived from them: every reader (aggregates, sagas, projectors,
 * replays) sees revision 2 only.
 */
public class OrderPlacedUnitsUpcaster extends SingleEventUpcaster {

    private static final String TYPE = OrderPlaced.class.getName();
    /** Not read from the annotation: a later revision 3 needs its own upcaster from exactly this one. */
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, null);
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, OrderPlacedUnitsUpcaster::withUnits);
    }

    /** A copy of the revision 1 payload with the units of its lines; everything else as stored. */
    static JsonNode withUnits(JsonNode revision1) {
        int units = 0;
        for (JsonNode line : revision1.path("lines")) {
            units += line.path("quantity").asInt();
        }
        ObjectNode revision2 = revision1.deepCopy();
        revision2.put("units", units);
        return revision2;
    }
}

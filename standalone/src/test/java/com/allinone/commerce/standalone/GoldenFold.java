package com.allinone.commerce.standalone;

import com.allinone.commerce.commandside.catalog.Product;
import com.allinone.commerce.commandside.inventory.Inventory;
import com.allinone.commerce.commandside.order.Order;
import com.allinone.commerce.commandside.payment.Payment;
import com.allinone.commerce.commandside.shipping.Shipment;
import com.allinone.commerce.standalone.GoldenCorpus.StoredEvent;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * Folds every aggregate of a corpus with the aggregate classes' own event sourcing handlers, as their repositories
 * do, and shows the state each ends in: its fields, as JSON.
 */
final class GoldenFold {

    private static final Map<String, Class<?>> AGGREGATES = Map.of("Product", Product.class,
            "Inventory", Inventory.class, "Order", Order.class, "Payment", Payment.class, "Shipment", Shipment.class);

    /** Fields, not getters: the state is what the handlers assigned. Sets sorted, so the JSON is stable. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final ObjectMapper STATE = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addSerializer((Class) Set.class, new SortedSet()))
            .build();

    private GoldenFold() {
    }

    /** {@code "<aggregate type>/<id>"} to the state its events fold into. */
    static Map<String, JsonNode> fold(List<StoredEvent> events, Serializer serializer,
                                      EventUpcaster upcasterChain) {
        Map<String, JsonNode> states = new TreeMap<>();
        events.stream().map(e -> e.type() + "/" + e.aggregateIdentifier()).distinct().forEach(key -> {
            String type = key.substring(0, key.indexOf('/'));
            String id = key.substring(key.indexOf('/') + 1);
            Class<?> aggregate = AGGREGATES.get(type);
            if (aggregate == null) {
                throw new IllegalStateException("The corpus holds events of an unknown aggregate type " + type);
            }
            states.put(key, fold(aggregate, GoldenCorpus.aggregateStream(events, id, serializer, upcasterChain)));
        });
        return states;
    }

    private static <T> JsonNode fold(Class<T> type, DomainEventStream events) {
        try {
            Constructor<T> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            EventSourcedAggregate<T> aggregate = EventSourcedAggregate.initialize(constructor.newInstance(),
                    AnnotatedAggregateMetaModelFactory.inspectAggregate(type), null,
                    NoSnapshotTriggerDefinition.TRIGGER);
            aggregate.initializeState(events);
            // Through text, as the expected file is read: a long field then compares equal to the same number read
            // back (a tree made directly would hold a LongNode where the file gives an IntNode).
            return STATE.readTree(STATE.writeValueAsString(aggregate.getAggregateRoot()));
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("Cannot create an empty " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class SortedSet extends StdSerializer<Set> {

        SortedSet() {
            super(Set.class);
        }

        @Override
        public void serialize(Set set, JsonGenerator json, SerializerProvider provider) throws IOException {
            provider.defaultSerializeValue(set.stream().sorted(Comparator.comparing(String::valueOf)).toList(), json);
        }
    }
}

package com.allinone.commerce.readmodels.timeline;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import com.allinone.commerce.readmodels.common.ProjectionBatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Every event of an order flow across its aggregates, by the flow's correlation id (DESIGN §6, for auditors). One
 * document per event with the event's own id as key, so redelivery and replay write nothing twice.
 */
@ProcessingGroup(OrderTimelineProjector.PROCESSING_GROUP)
public class OrderTimelineProjector {

    public static final String PROCESSING_GROUP = "order-timeline";
    public static final String COLLECTION = "order_timeline";
    private static final Set<String> FLOW_PACKAGES = Set.of("com.allinone.commerce.api.order",
            "com.allinone.commerce.api.payment", "com.allinone.commerce.api.shipping");

    private final ReactiveMongoTemplate mongo;
    private final String collection;
    private final ObjectMapper json;

    public OrderTimelineProjector(ReactiveMongoTemplate mongo, ObjectMapper json) {
        this(mongo, COLLECTION, json);
    }

    /** A projector writing into another collection than the live one (a rebuild's shadow). */
    public OrderTimelineProjector(ReactiveMongoTemplate mongo, String collection, ObjectMapper json) {
        this.mongo = mongo;
        this.collection = collection;
        this.json = json;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        Object flow = event.getMetaData().get(FlowCorrelationDataProvider.CORRELATION_ID);
        if (flow == null || !FLOW_PACKAGES.contains(payload.getClass().getPackageName())) {
            return;
        }
        Document entry = new Document("_id", event.getIdentifier())
                .append("orderId", flow.toString())
                .append("at", Date.from(event.getTimestamp()))
                .append("type", payload.getClass().getSimpleName())
                .append("user", event.getMetaData().get(FlowCorrelationDataProvider.USER))
                .append("payload", new Document(json.convertValue(payload, Map.class)));
        if (event instanceof DomainEventMessage<?> domain) {
            entry.append("aggregateType", domain.getType())
                    .append("aggregateId", domain.getAggregateIdentifier())
                    .append("sequence", domain.getSequenceNumber());
        }
        // The entry is the same whenever the event is projected, so writing it again on redelivery changes nothing.
        ProjectionBatch.replace(mongo, collection, event.getIdentifier(), entry);
    }
}

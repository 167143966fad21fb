package com.allinone.commerce.readmodels.order;

import com.allinone.commerce.api.order.OrderCancellationRejected;
import com.allinone.commerce.api.order.OrderCancellationRequested;
import com.allinone.commerce.api.order.OrderCancelled;
import com.allinone.commerce.api.order.OrderConfirmed;
import com.allinone.commerce.api.order.OrderDelivered;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderStockReserved;
import com.allinone.commerce.api.payment.PaymentAuthorized;
import com.allinone.commerce.api.payment.PaymentDeclined;
import com.allinone.commerce.api.payment.PaymentExpired;
import com.allinone.commerce.api.shipping.ShipmentDispatched;
import com.allinone.commerce.api.shipping.ShipmentFailed;
import com.allinone.commerce.readmodels.common.SourcedDocuments;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Where each order flow stands (DESIGN §6, for the admin "stuck sagas" view): its current step, whether it is still
 * active, when it last moved and the next deadline it waits for. Built from the flow's events, not from the saga's
 * private state, so it can be rebuilt and replayed like any read model.
 */
@ProcessingGroup(SagaStatusProjector.PROCESSING_GROUP)
public class SagaStatusProjector {

    public static final String PROCESSING_GROUP = "saga-status";
    public static final String COLLECTION = "saga_status";

    /** The order flow's steps, in the order a flow usually passes them. */
    public enum Step {
        RESERVING_STOCK, AWAITING_PAYMENT, AWAITING_DISPATCH, CANCELLING, COMPENSATING, IN_TRANSIT, DELIVERED,
        REJECTED, CANCELLED
    }

    private final SourcedDocuments flows;
    private final Duration paymentTimeout;

    public SagaStatusProjector(ReactiveMongoTemplate mongo, Duration paymentTimeout) {
        this(mongo, COLLECTION, paymentTimeout);
    }

    /** A projector writing into another collection than the live one (a rebuild's shadow). */
    public SagaStatusProjector(ReactiveMongoTemplate mongo, String collection, Duration paymentTimeout) {
        this.flows = new SourcedDocuments(mongo, collection, List.of("order", "payment", "shipment"), flow -> { });
        this.paymentTimeout = paymentTimeout;
    }

    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.start(event.orderId(), "order", sequence, step(Step.RESERVING_STOCK, at).set("startedAt", Date.from(at)));
    }

    @EventHandler
    void on(OrderStockReserved event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "order", sequence, step(Step.AWAITING_PAYMENT, at).set("nextDeadline",
                new Document("name", "payment-deadline").append("at", Date.from(at.plus(paymentTimeout)))));
    }

    @EventHandler
    void on(PaymentAuthorized event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "payment", sequence, step(Step.AWAITING_DISPATCH, at));
    }

    @EventHandler
    void on(PaymentDeclined event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "payment", sequence, step(Step.COMPENSATING, at));
    }

    @EventHandler
    void on(PaymentExpired event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "payment", sequence, step(Step.COMPENSATING, at));
    }

    @EventHandler
    void on(OrderConfirmed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "order", sequence, step(Step.AWAITING_DISPATCH, at));
    }

    @EventHandler
    void on(OrderCancellationRequested event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "order", sequence, step(Step.CANCELLING, at));
    }

    @EventHandler
    void on(OrderCancellationRejected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "order", sequence, step(Step.IN_TRANSIT, at));
    }

    @EventHandler
    void on(ShipmentFailed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "shipment", sequence, step(Step.COMPENSATING, at));
    }

    @EventHandler
    void on(ShipmentDispatched event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "shipment", sequence, step(Step.IN_TRANSIT, at));
    }

    @EventHandler
    void on(OrderDelivered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "order", sequence, ended(Step.DELIVERED, at));
    }

    @EventHandler
    void on(OrderRejected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "order", sequence, ended(Step.REJECTED, at));
    }

    @EventHandler
    void on(OrderCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        flows.apply(event.orderId(), "order", sequence, ended(Step.CANCELLED, at));
    }

    private static Update step(Step step, Instant at) {
        return new Update().set("step", step.name()).set("active", true).set("updatedAt", Date.from(at))
                .set("nextDeadline", null);
    }

    private static Update ended(Step step, Instant at) {
        return step(step, at).set("active", false);
    }
}

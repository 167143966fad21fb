package com.allinone.commerce.queryside.audit;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.order.OrderPaid;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderShipped;
import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An order's whole story from the event store: its own events, then its payment's and shipment's, interleaved in
 * the order they happened and kept only where their correlation id is the order (DESIGN §3).
 *
 * <p>Which streams: the payment and shipment ids derive from the orderId (FlowIds), so they are known before those
 * aggregates exist; ids the order's own events name (OrderPaid, OrderShipped) are read too, should one ever differ.
 *
 * <p>The stock gate: it is Redis, not an aggregate. What it did to an order is recorded on the Order itself
 * (OrderStockReserved, OrderStockReleased, OrderStockCommitted, in the order's stream), so the timeline has it
 * without more reads. The Inventory streams ({@code inventory:<sku>}) hold only receipts and adjustments, which belong
 * to no order flow; and a SKU's stream grows with the life of the product, so scanning one per line of every order an
 * auditor looks at would cost more with every order sold, to find nothing.
 */
public class OrderTimeline {

    private final EventHistory history;

    public OrderTimeline(EventHistory history) {
        this.history = history;
    }

    /** The timeline, or empty for an order the event store does not hold (or an id that is not an order's). */
    public Mono<List<TimelineEntry>> of(String orderId) {
        return ordersOwnEvents(orderId)
                .filter(order -> !order.isEmpty())
                .flatMap(order -> Flux.fromIterable(relatedStreams(orderId, order))
                        .concatMap(history::all)
                        .startWith(order)
                        .map(stream -> inFlow(orderId, stream))
                        .collectList())
                .map(streams -> Chronology.merge(streams, DomainEventMessage::getTimestamp).stream()
                        .map(OrderTimeline::entry)
                        .toList());
    }

    /** None when the stream is not an order's: a product's id must not read that product's whole history. */
    private Mono<List<DomainEventMessage<?>>> ordersOwnEvents(String orderId) {
        return history.from(orderId, 0)
                .switchOnFirst((first, events) -> first.hasValue()
                        && first.get().getPayloadType().equals(OrderPlaced.class) ? events : Flux.empty())
                .collectList();
    }

    private static Set<String> relatedStreams(String orderId, List<DomainEventMessage<?>> order) {
        Set<String> ids = new LinkedHashSet<>(List.of(FlowIds.paymentId(orderId), FlowIds.shipmentId(orderId)));
        for (DomainEventMessage<?> event : order) {
            if (event.getPayload() instanceof OrderPaid paid) {
                ids.add(paid.paymentId());
            } else if (event.getPayload() instanceof OrderShipped shipped) {
                ids.add(shipped.shipmentId());
            }
        }
        return ids;
    }

    private static List<DomainEventMessage<?>> inFlow(String orderId, List<DomainEventMessage<?>> stream) {
        return stream.stream()
                .filter(e -> Objects.equals(orderId, e.getMetaData().get(FlowCorrelationDataProvider.CORRELATION_ID)))
                .toList();
    }

    private static TimelineEntry entry(DomainEventMessage<?> event) {
        Object actor = event.getMetaData().get(FlowCorrelationDataProvider.USER);
        return new TimelineEntry(event.getTimestamp(), event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                actor == null ? null : actor.toString(), EventSummaries.of(event.getPayload()));
    }
}

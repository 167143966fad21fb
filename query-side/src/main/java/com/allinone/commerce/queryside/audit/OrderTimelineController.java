package com.allinone.commerce.queryside.audit;

import com.allinone.commerce.queryside.common.NotFound;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/audit/orders/{id}/timeline}: every event of an order flow across Order, Payment and Shipment, in
 * the order it happened, from the event store. Auditors only: a customer reads their own order through
 * {@code /api/me/orders}.
 */
@RestController
@PreAuthorize("hasRole('AUDITOR')")
public class OrderTimelineController {

    public record Timeline(String orderId, List<TimelineEntry> events) {
    }

    private final OrderTimeline timelines;

    public OrderTimelineController(OrderTimeline timelines) {
        this.timelines = timelines;
    }

    @GetMapping("/api/audit/orders/{orderId}/timeline")
    public Mono<Timeline> timeline(@PathVariable String orderId) {
        return timelines.of(orderId)
                .map(events -> new Timeline(orderId, events))
                .switchIfEmpty(Mono.error(() -> new NotFound("No order " + orderId + " in the event store")));
    }
}

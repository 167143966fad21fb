package com.allinone.commerce.queryside.order;

import com.allinone.commerce.api.common.InvalidValueException;
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.queryside.common.Page;
import com.allinone.commerce.queryside.common.Paging;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * "My orders" (DESIGN §7): the caller's own orders, newest first; one order with its timeline, optionally once the
 * view has caught up with the caller's own write; and its status changes as a server-sent event stream.
 */
@RestController
@PreAuthorize("hasRole('CUSTOMER')")
public class MyOrdersController {

    private final CustomerOrders customerOrders;
    private final OrderReader orders;
    private final Duration readYourWritesWait;

    public MyOrdersController(CustomerOrders customerOrders, OrderReader orders, Duration readYourWritesWait) {
        this.customerOrders = customerOrders;
        this.orders = orders;
        this.readYourWritesWait = readYourWritesWait;
    }

    /** Keyset {@code (placedAt desc, orderId)}: an order placed while paging sorts before the cursor, never into it. */
    @GetMapping("/api/me/orders")
    public Mono<Page<OrderView.Summary>> myOrders(@AuthenticationPrincipal Jwt user,
                                                  @RequestParam(required = false) String cursor,
                                                  @RequestParam(required = false) Integer limit) {
        return customerOrders.page(user.getSubject(), cursor, Paging.limit(limit));
    }

    /**
     * One order. With {@code after} (the consistency token {@code POST /api/orders} answered), waits a bounded time
     * for the view to reach that write; without it, answers at once.
     */
    @GetMapping("/api/me/orders/{orderId}")
    public Mono<OrderView> myOrder(@AuthenticationPrincipal Jwt user, @PathVariable String orderId,
                                   @RequestParam(required = false) String after) {
        Mono<Document> order = after == null
                ? orders.owned(orderId, user.getSubject())
                : orders.ownedReaching(orderId, user.getSubject(), nonNegative("after", after), readYourWritesWait);
        return order.map(OrderView::of);
    }

    /**
     * The order's status changes, each with the Order event sequence as its id. A client reconnecting with
     * {@code Last-Event-ID} gets exactly what came after it. The stream ends after the order's final status.
     */
    @GetMapping(path = "/api/me/orders/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<OrderView.StatusChange>> statusChanges(
            @AuthenticationPrincipal Jwt user, @PathVariable String orderId,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        AtomicLong sent = new AtomicLong(lastEventId == null ? -1 : nonNegative("Last-Event-ID", lastEventId));
        return orders.ownedReaching(orderId, user.getSubject(), 0, readYourWritesWait)
                .thenMany(orders.rereads(orderId))
                .concatMap(tick -> orders.find(orderId), 1)
                // The read that sees the final status is the last: its changes go out and the stream ends.
                .takeUntil(order -> OrderStatus.valueOf(order.getString("status")).isTerminal())
                .concatMapIterable(order -> OrderView.timelineOf(order).stream()
                        .filter(change -> change.sequence() > sent.get())
                        .peek(change -> sent.set(change.sequence()))
                        .toList())
                .map(change -> ServerSentEvent.builder(change)
                        .id(String.valueOf(change.sequence()))
                        .event("status")
                        .build());
    }

    private static long nonNegative(String field, String value) {
        long number;
        try {
            number = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(field, "must be a whole number");
        }
        if (number < 0) {
            throw new InvalidValueException(field, "must not be negative");
        }
        return number;
    }
}

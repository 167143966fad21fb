package com.allinone.commerce.queryside.audit;

import com.allinone.commerce.queryside.common.NotFound;
import com.allinone.commerce.queryside.common.Paging;
import org.axonframework.serialization.Serializer;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/audit/aggregates/{id}/events}: every event of one aggregate (an order, payment, shipment, product,
 * or {@code inventory:<sku>}) from the event store, keyset-paged by sequence, or with {@code Accept:
 * application/x-ndjson} the whole history as one event per line, read as the client takes it.
 */
@RestController
@PreAuthorize("hasRole('AUDITOR')")
public class AggregateHistoryController {

    static final String PATH = "/api/audit/aggregates/{aggregateId}/events";
    private static final int READ_AHEAD = 100;

    private final EventHistory history;
    private final Serializer eventSerializer;

    public AggregateHistoryController(EventHistory history, Serializer eventSerializer) {
        this.history = history;
        this.eventSerializer = eventSerializer;
    }

    /** No {@code produces}: this one answers JSON and any Accept that is not NDJSON, which goes to the stream. */
    @GetMapping(PATH)
    public Mono<HistoryPage> page(@PathVariable String aggregateId,
                                  @RequestParam(required = false) String afterSequence,
                                  @RequestParam(required = false) Integer limit) {
        long first = HistoryPaging.firstSequenceAfter(afterSequence);
        int size = Paging.limit(limit);
        return events(aggregateId, first)
                .take(size + 1L)
                .collectList()
                .flatMap(fetched -> fetched.isEmpty()
                        // Past the end of a known aggregate is an empty page; no events at all is no aggregate.
                        ? requireExists(aggregateId).thenReturn(HistoryPaging.page(aggregateId, fetched, size))
                        : Mono.just(HistoryPaging.page(aggregateId, fetched, size)));
    }

    /**
     * The whole history from {@code afterSequence} on (no {@code limit}: the stream is the way past the page cap).
     * Existence is checked before the first line, so an unknown aggregate is still a 404 problem, not an empty 200.
     */
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Flux<AuditedEvent> stream(@PathVariable String aggregateId,
                                     @RequestParam(required = false) String afterSequence,
                                     @RequestParam(required = false) Integer limit,
                                     ServerWebExchange exchange) {
        long first = HistoryPaging.firstSequenceAfter(afterSequence);
        Paging.limit(limit); // refused alike on both representations, though the stream does not page
        return requireExists(aggregateId)
                .thenMany(events(aggregateId, first))
                // Read ahead by at most one of the store's batches while the client takes the lines.
                .publishOn(ConnectionThread.of(exchange), READ_AHEAD);
    }

    private Flux<AuditedEvent> events(String aggregateId, long firstSequence) {
        return history.from(aggregateId, firstSequence).map(event -> AuditedEvent.of(event, eventSerializer));
    }

    private Mono<Void> requireExists(String aggregateId) {
        return history.exists(aggregateId)
                .flatMap(exists -> exists ? Mono.<Void>empty()
                        : Mono.error(new NotFound("No aggregate " + aggregateId + " in the event store")));
    }
}

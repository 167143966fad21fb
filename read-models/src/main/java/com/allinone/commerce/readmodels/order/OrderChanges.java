package com.allinone.commerce.readmodels.order;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Tells this node's readers (live status streams, read-your-writes waits) that an order's document just changed, so
 * they re-read it at once instead of at their next poll. Only a hint: a reader that misses one, or whose order was
 * projected by another query node, still finds the change by polling the document.
 */
public class OrderChanges {

    private final Sinks.Many<String> changes = Sinks.many().multicast().directBestEffort();

    void changed(String orderId) {
        changes.tryEmitNext(orderId);
    }

    public Flux<String> of(String orderId) {
        return changes.asFlux().filter(orderId::equals);
    }

    public Flux<String> all() {
        return changes.asFlux();
    }
}

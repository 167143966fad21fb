package com.allinone.commerce.queryside.order;

import com.allinone.commerce.queryside.common.NotFound;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import com.allinone.commerce.readmodels.order.OrderChanges;
import java.time.Duration;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads one customer's order document. Another customer's order does not exist as far as the caller can tell (404).
 * Waiting reads re-read the document when this node projected a change, and poll it otherwise, which also finds
 * changes projected by another query node.
 */
public class OrderReader {

    private final ReactiveMongoTemplate mongo;
    private final OrderChanges changes;
    private final Duration poll;

    public OrderReader(ReactiveMongoTemplate mongo, OrderChanges changes, Duration poll) {
        this.mongo = mongo;
        this.changes = changes;
        this.poll = poll;
    }

    public Mono<Document> owned(String orderId, String customerId) {
        return ownedBy(find(orderId), customerId);
    }

    /**
     * The order once its view has reached the given Order event sequence, waiting at most {@code wait}; after that,
     * the order as it is (read-your-writes is bounded, never a hang).
     */
    public Mono<Document> ownedReaching(String orderId, String customerId, long version, Duration wait) {
        Mono<Document> reached = rereads(orderId)
                .concatMap(tick -> find(orderId), 1)
                .filter(order -> OrderView.version(order) >= version)
                .next()
                .timeout(wait, Mono.defer(() -> find(orderId)));
        return ownedBy(reached, customerId);
    }

    private static Mono<Document> ownedBy(Mono<Document> order, String customerId) {
        return order.filter(found -> customerId.equals(found.getString("customerId")))
                .switchIfEmpty(Mono.error(() -> new NotFound("No such order")));
    }

    /** A tick whenever the order may have changed: at once, on every local change, and every poll interval. */
    public Flux<Object> rereads(String orderId) {
        return Flux.<Object>merge(Flux.interval(Duration.ZERO, poll), changes.of(orderId)).onBackpressureLatest();
    }

    public Mono<Document> find(String orderId) {
        return mongo.findById(orderId, Document.class, MyOrdersProjector.COLLECTION);
    }
}

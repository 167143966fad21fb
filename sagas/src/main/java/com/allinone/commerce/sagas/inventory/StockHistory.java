package com.allinone.commerce.sagas.inventory;

import com.allinone.commerce.api.catalog.ProductPurchaseLimitSet;
import com.allinone.commerce.api.inventory.StockAdjusted;
import com.allinone.commerce.api.inventory.StockReceived;
import com.allinone.commerce.api.order.OrderCancelled;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.OrderStockCommitted;
import com.allinone.commerce.api.order.OrderStockReleased;
import com.allinone.commerce.api.order.OrderStockReserved;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole event store, up to its head when the read started, into a {@link StockFold}. Blocking: callers run
 * it on a worker thread, never on an event loop.
 */
public class StockHistory {

    private static final Logger log = LoggerFactory.getLogger(StockHistory.class);
    private static final Set<Class<?>> STOCK_EVENTS = Set.of(StockReceived.class, StockAdjusted.class,
            OrderStockReserved.class, OrderStockReleased.class, OrderStockCommitted.class, OrderRejected.class,
            OrderCancelled.class, OrderPlaced.class, ProductPurchaseLimitSet.class);
    private static final long PROGRESS_EVERY = 50_000;

    private final EventStore eventStore;

    public StockHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public StockFold fold() {
        StockFold fold = new StockFold();
        TrackingToken head = eventStore.createHeadToken();
        if (head == null) {
            return fold;
        }
        long read = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                // The payload type comes from the stored type name: other events are never deserialized.
                if (STOCK_EVENTS.contains(event.getPayloadType())) {
                    fold.apply(event);
                }
                if (++read % PROGRESS_EVERY == 0) {
                    log.info("Stock ledger: read {} events, {} about stock", read, fold.events());
                }
                if (event.trackingToken().covers(head)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the stock history", e);
        }
        return fold;
    }
}

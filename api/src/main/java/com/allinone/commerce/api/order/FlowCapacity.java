package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.OrderLine;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Whether the order flows have room for one more order (DESIGN §4). The door asks before it takes stock: while the
 * flows are further behind than their bound, a new order waits for room, so a flash sale is taken at the pace the
 * flows can finish it, instead of piling up a backlog that every later order waits through (and that makes the
 * flow's own timeouts fire for orders that are merely queued).
 */
public interface FlowCapacity {

    /** Room at once, always: for a node without order flows. */
    FlowCapacity UNBOUNDED = lines -> CompletableFuture.completedFuture(true);

    /**
     * Completes with true as soon as there is room for an order of these lines, or with false when the wait limit
     * passed without room. An order whose stock is plainly gone does not wait: the door refuses it at once, and a
     * refusal costs the flows nothing.
     */
    CompletableFuture<Boolean> awaitRoom(List<OrderLine> lines);
}

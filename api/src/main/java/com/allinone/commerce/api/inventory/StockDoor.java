package com.allinone.commerce.api.inventory;

import com.allinone.commerce.api.common.OrderLine;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The port through which placing an order takes its stock before the order is stored (DESIGN §4): the command side
 * asks, the stock gate's adapter (sagas module, Redis) answers. Keyed by the orderId, so a retried request gets the
 * answer of the first and never takes stock twice.
 */
public interface StockDoor {

    /**
     * Takes every line or nothing, within each SKU's per-customer purchase limit. Never fails: a gate that cannot
     * answer says {@link Outcome#UNAVAILABLE}.
     */
    CompletableFuture<Answer> reserve(String orderId, String customerId, List<OrderLine> lines);

    /**
     * Gives back what {@link #reserve} took for an order that could not be stored, leaving a tombstone so the key
     * never takes stock again. Completes exceptionally when the gate cannot answer (the sweeper then releases it).
     */
    CompletableFuture<Void> release(String orderId);

    enum Outcome {
        /** Every line was taken by this call. */
        RESERVED,
        /** The order already has a reservation record (a retry, or a copy of this request racing it). */
        ALREADY_RESERVED,
        /** A line was short; nothing was taken. {@link Answer#shortSkus} names them. */
        SHORT,
        /** A line would take the customer over its SKU's purchase limit; nothing was taken. {@link Answer#shortSkus}
         * names those SKUs. */
        LIMIT,
        /** The order's key was released before (a failed earlier attempt): it never takes stock again. */
        RELEASED,
        /** The gate could not answer (Redis down or its counters not rebuilt yet): the order waits for stock. */
        UNAVAILABLE
    }

    record Answer(Outcome outcome, List<String> shortSkus) {

        public Answer {
            shortSkus = shortSkus == null ? List.of() : List.copyOf(shortSkus);
        }

        public static Answer of(Outcome outcome) {
            return new Answer(outcome, List.of());
        }
    }
}

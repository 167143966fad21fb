package com.allinone.commerce.api.inventory;

import java.util.concurrent.CompletableFuture;

/**
 * The port through which a stock adjustment that removes units takes them from the stock gate before it is stored,
 * the way placing an order takes its units at the door (DESIGN §4, §5). Only the gate knows how many units orders
 * hold and committed, so only the gate can refuse to remove those; the Inventory aggregate knows what was received.
 * Keyed by SKU and adjustmentId, so a retried adjustment never takes its units twice.
 */
public interface StockWithdrawals {

    /**
     * Takes {@code units} of the SKU's available units for the adjustment, all or none. Never fails: a gate that
     * cannot answer says {@link Outcome#UNAVAILABLE}.
     */
    CompletableFuture<Withdrawal> withdraw(String sku, String adjustmentId, int units);

    /**
     * Gives back what {@link #withdraw} took for an adjustment that was not stored. Completes exceptionally when the
     * gate cannot answer (its sweeper then gives the units back).
     */
    CompletableFuture<Void> giveBack(String sku, String adjustmentId);

    enum Outcome {
        /** The units are taken for this adjustment (by this call, or kept from an earlier attempt of it). */
        TAKEN,
        /** Fewer units are available than the adjustment removes; nothing was taken. */
        SHORT,
        /** The adjustment was stored and counted before: nothing more to take. */
        ALREADY_APPLIED,
        /** The gate could not answer (Redis down, or its counters not rebuilt yet). */
        UNAVAILABLE
    }

    /** @param available the SKU's available units when the gate answered ({@code -1} when it did not say) */
    record Withdrawal(Outcome outcome, long available) {

        public static Withdrawal of(Outcome outcome) {
            return new Withdrawal(outcome, -1);
        }
    }
}

package com.allinone.commerce.api.inventory;

/**
 * Names of the Redis stock-gate keys (DESIGN §5). The {stock} hash tag keeps every key of a multi-SKU script in one
 * Redis Cluster slot. The gate writes them; the catalog reads {@link #available(String)}.
 */
public final class StockKeys {

    public static final String HASH_TAG = "{stock}";
    /** What every key starts with; scripts derive a SKU's keys from it. */
    public static final String PREFIX = HASH_TAG + ":";

    private StockKeys() {
    }

    public static String available(String sku) {
        return HASH_TAG + ":avail:" + sku;
    }

    /** A SKU's purchase limit: units one customer may hold or have bought at a time (absent: none). */
    public static String purchaseLimit(String sku) {
        return PREFIX + "cap:" + sku;
    }

    /** A hash of customerId to the units of the SKU the customer holds or has had committed. */
    public static String bought(String sku) {
        return PREFIX + "bought:" + sku;
    }

    public static String reservation(String orderId) {
        return HASH_TAG + ":res:" + orderId;
    }

    public static String lastAppliedSequence(String sku) {
        return HASH_TAG + ":seq:" + sku;
    }

    /**
     * The record of units a stock adjustment took from a SKU: TAKEN until its StockAdjusted is counted (APPLIED), or
     * RETURNED when it was not stored. SKUs never contain ':', so the member {@code <sku>:<adjustmentId>} splits.
     */
    public static String withdrawal(String sku, String adjustmentId) {
        return PREFIX + "adj:" + withdrawalMember(sku, adjustmentId);
    }

    public static String withdrawalMember(String sku, String adjustmentId) {
        return sku + ":" + adjustmentId;
    }

    /** Withdrawals whose StockAdjusted has not been counted yet, scored by when they took their units. */
    public static String withdrawalsPending() {
        return PREFIX + "adj-pending";
    }

    /** A SKU's ledger hash: {@code in} (received + adjusted), {@code held} and {@code committed} units. */
    public static String ledger(String sku) {
        return PREFIX + "ledger:" + sku;
    }

    /**
     * Set once the stock ledger has built (or rebuilt) the counters from the event store. Every script refuses to
     * work without it, so an empty Redis after a restart never answers "out of stock" for stock that exists.
     */
    public static String ready() {
        return PREFIX + "ready";
    }

    /** Reservations whose OrderStockReserved has not been seen yet, scored by reservation time (for the sweeper). */
    public static String pending() {
        return PREFIX + "pending";
    }

    /** Held while one command node rebuilds the counters, so two nodes never rebuild at once. */
    public static String rebuildLock() {
        return PREFIX + "rebuilding";
    }
}

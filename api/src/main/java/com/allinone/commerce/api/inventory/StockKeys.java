package com.allinone.commerce.api.inventory;

/**
 * Names of the Redis stock-gate keys (DESIGN §5). The {stock} hash tag keeps every key of a multi-SKU script in one
 * Redis Cluster slot. The gate writes them; the catalog reads {@link #available(String)}.
 */
public final class StockKeys {

    public static final String HASH_TAG = "{stock}";

    private StockKeys() {
    }

    public static String available(String sku) {
        return HASH_TAG + ":avail:" + sku;
    }

    public static String reservation(String orderId) {
        return HASH_TAG + ":res:" + orderId;
    }

    public static String lastAppliedSequence(String sku) {
        return HASH_TAG + ":seq:" + sku;
    }
}

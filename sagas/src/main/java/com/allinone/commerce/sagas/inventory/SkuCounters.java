package com.allinone.commerce.sagas.inventory;

/**
 * One SKU's stock as units: {@code received} (received + adjusted), {@code available}, {@code held} (reserved, not
 * yet released or committed) and {@code committed} (shipped). They always balance:
 * {@code received = available + held + committed} (DESIGN §5).
 */
public record SkuCounters(String sku, long received, long available, long held, long committed) {

    public boolean balances() {
        return received == available + held + committed;
    }
}

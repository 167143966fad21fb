package com.allinone.commerce.sagas.inventory;

import java.util.Map;

/**
 * One SKU's stock as units: {@code received} (received + adjusted), {@code available}, {@code held} (reserved, not
 * yet released or committed) and {@code committed} (shipped). They always balance:
 * {@code received = available + held + committed} (DESIGN §5).
 */
public record SkuCounters(String sku, long received, long available, long held, long committed) {

    static SkuCounters of(String sku, long available, Map<String, String> ledger) {
        return new SkuCounters(sku, number(ledger, "in"), available, number(ledger, "held"),
                number(ledger, "committed"));
    }

    public boolean balances() {
        return received == available + held + committed;
    }

    private static long number(Map<String, String> ledger, String field) {
        String value = ledger.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }
}

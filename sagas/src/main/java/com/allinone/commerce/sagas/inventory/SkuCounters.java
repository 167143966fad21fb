package com.allinone.commerce.sagas.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * One SKU's stock as units: {@code received} (received + adjusted), {@code available}, {@code held} (reserved, not
 * yet released or committed) and {@code committed} (shipped). They always balance:
 * {@code received = available + held + committed}, and none is negative (DESIGN §5).
 */
public record SkuCounters(String sku, long received, long available, long held, long committed) {

    public boolean balances() {
        return problems().isEmpty();
    }

    /** What is wrong with these counters, in words for the auditor; empty when they balance. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (received != available + held + committed) {
            problems.add("received (" + received + ") is not available + held + committed (" + available + " + "
                    + held + " + " + committed + ")");
        }
        if (available < 0) {
            problems.add("available is negative (" + available + ")");
        }
        if (held < 0) {
            problems.add("held is negative (" + held + ")");
        }
        if (committed < 0) {
            problems.add("committed is negative (" + committed + ")");
        }
        return problems;
    }
}

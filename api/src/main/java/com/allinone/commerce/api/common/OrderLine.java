package com.allinone.commerce.api.common;

/** One SKU and how many of it a customer wants: 1 to 999 units. */
public record OrderLine(String sku, int quantity) {

    public static final int MAX_QUANTITY = 999;

    public OrderLine {
        sku = Checks.sku("sku", sku);
        Checks.range("quantity", quantity, 1, MAX_QUANTITY);
    }
}

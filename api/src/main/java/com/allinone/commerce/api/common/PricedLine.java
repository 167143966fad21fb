package com.allinone.commerce.api.common;

/** An order line priced by the command side's catalog lookup at the moment the order was placed. */
public record PricedLine(String sku, int quantity, Money unitPrice, Money lineTotal) {

    public PricedLine {
        sku = Checks.sku("sku", sku);
        Checks.range("quantity", quantity, 1, OrderLine.MAX_QUANTITY);
        Checks.present("unitPrice", unitPrice);
        Checks.present("lineTotal", lineTotal);
    }

    public static PricedLine of(OrderLine line, Money unitPrice) {
        return new PricedLine(line.sku(), line.quantity(), unitPrice, unitPrice.times(line.quantity()));
    }

    public OrderLine line() {
        return new OrderLine(sku, quantity);
    }
}

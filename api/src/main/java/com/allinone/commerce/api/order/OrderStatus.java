package com.allinone.commerce.api.order;

/** PLACED → STOCK_RESERVED → PAID → CONFIRMED → SHIPPED → DELIVERED, or REJECTED / CANCELLED (DESIGN §3). */
public enum OrderStatus {
    PLACED,
    STOCK_RESERVED,
    PAID,
    CONFIRMED,
    SHIPPED,
    DELIVERED,
    REJECTED,
    CANCELLED;

    public boolean isTerminal() {
        return this == DELIVERED || this == REJECTED || this == CANCELLED;
    }
}

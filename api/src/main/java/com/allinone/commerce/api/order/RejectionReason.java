package com.allinone.commerce.api.order;

public enum RejectionReason {
    OUT_OF_STOCK,
    PAYMENT_DECLINED,
    PAYMENT_TIMEOUT,
    /** Taken while the stock gate was down, the order was found over its customer's limit when reserved. */
    PURCHASE_LIMIT_REACHED
}

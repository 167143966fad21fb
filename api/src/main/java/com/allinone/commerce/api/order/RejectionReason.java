package com.allinone.commerce.api.order;

public enum RejectionReason {
    OUT_OF_STOCK,
    PAYMENT_DECLINED,
    PAYMENT_TIMEOUT
}

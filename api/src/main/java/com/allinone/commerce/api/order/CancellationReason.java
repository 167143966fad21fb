package com.allinone.commerce.api.order;

public enum CancellationReason {
    CUSTOMER,
    SHIPMENT_FAILED
}

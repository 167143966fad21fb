package com.allinone.commerce.sagas.order;

/** A saga step that depends on something outside the event store and is retried through a persistent deadline. */
public enum FlowStep {
    RESERVE_STOCK,
    RELEASE_STOCK,
    COMMIT_STOCK,
    CHARGE_PAYMENT,
    BOOK_SHIPMENT,
    CANCEL_SHIPMENT
}

package com.allinone.commerce.readmodels.verify;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.order.OrderStatus;

/**
 * One order as its events say its {@code my_orders} document must be: the fields a document takes from Order events
 * that the verifier compares, and the last Order sequence they come from.
 *
 * @param status            null until an event set one (an order whose OrderPlaced is missing)
 * @param lastOrderSequence the last Order event the projector applies ({@code seq.order} once it has)
 * @param firstPosition     where the order's first event is in the store: once the projector has handled that far,
 *                          the order's document must exist
 * @param total             null without an OrderPlaced
 * @param linesFingerprint  {@link LinesFingerprint} of the OrderPlaced lines
 */
public record OrderDigest(String orderId, OrderStatus status, long lastOrderSequence, long firstPosition, Money total,
                          long linesFingerprint) {
}

package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.common.ShippingAddress;
import java.util.List;

/**
 * Lines are priced by the command side's catalog lookup; requestHash identifies the request that placed it.
 * {@code stockHeld}: the lines were reserved in the stock gate at the door, and OrderStockReserved follows in the same
 * commit; false when the gate could not answer, so the order waits for the flow to reserve it (and for events
 * written before door reservation existed, which have no such field).
 */
public record OrderPlaced(String orderId, String customerId, List<PricedLine> lines, Money total,
                          ShippingAddress shippingAddress, String requestHash, boolean stockHeld) {
}

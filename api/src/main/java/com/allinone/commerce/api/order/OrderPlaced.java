package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.common.ShippingAddress;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Lines are priced by the command side's catalog lookup; requestHash identifies the request that placed it.
 * {@code stockHeld}: the lines were reserved in the stock gate at the door, and OrderStockReserved follows in the same
 * commit; false when the gate could not answer, so the order waits for the flow to reserve it (and for events
 * written before door reservation existed, which have no such field). {@code units}: how many items the order holds,
 * the sum of its lines' quantities, as "my orders" shows it.
 *
 * <p>Revision 2 added {@code units}. Events stored before (no revision) are given it by the upcaster in axon-config
 * ({@code OrderPlacedUnitsUpcaster}), derived from their lines, before they are deserialized.
 */
@Revision("2")
public record OrderPlaced(String orderId, String customerId, List<PricedLine> lines, Money total,
                          ShippingAddress shippingAddress, String requestHash, boolean stockHeld, int units) {

    /** The units of an order of these lines. */
    public static int unitsOf(List<PricedLine> lines) {
        return lines.stream().mapToInt(PricedLine::quantity).sum();
    }
}

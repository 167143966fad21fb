package com.allinone.commerce.api.inventory;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.commandhandling.RoutingKey;

/**
 * The order flow asks the stock gate to give an order's units back (or to leave a tombstone when it holds none yet).
 * The gate's participant answers with RecordStockReleased; no answer means ask again.
 */
public record ReleaseOrderStock(@RoutingKey String orderId) {

    public ReleaseOrderStock {
        orderId = Checks.id("orderId", orderId);
    }
}

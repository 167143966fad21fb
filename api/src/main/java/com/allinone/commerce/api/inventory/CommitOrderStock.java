package com.allinone.commerce.api.inventory;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.commandhandling.RoutingKey;

/**
 * The order flow tells the stock gate that an order's units left the warehouse. The gate's participant answers with
 * RecordStockCommitted; no answer means ask again.
 */
public record CommitOrderStock(@RoutingKey String orderId) {

    public CommitOrderStock {
        orderId = Checks.id("orderId", orderId);
    }
}

package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The saga gave the order's reserved units back to the stock gate. */
public record RecordStockReleased(@TargetAggregateIdentifier String orderId) {

    public RecordStockReleased {
        orderId = Checks.id("orderId", orderId);
    }
}

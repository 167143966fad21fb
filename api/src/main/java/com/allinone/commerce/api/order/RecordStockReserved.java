package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The saga took every line's units in the stock gate. */
public record RecordStockReserved(@TargetAggregateIdentifier String orderId) {

    public RecordStockReserved {
        orderId = Checks.id("orderId", orderId);
    }
}

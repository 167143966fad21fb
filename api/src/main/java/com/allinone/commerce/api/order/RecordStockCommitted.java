package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The reserved units left the warehouse for good. */
public record RecordStockCommitted(@TargetAggregateIdentifier String orderId) {

    public RecordStockCommitted {
        orderId = Checks.id("orderId", orderId);
    }
}

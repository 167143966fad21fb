package com.allinone.commerce.api.catalog;

import com.allinone.commerce.api.common.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DiscontinueProduct(@TargetAggregateIdentifier String sku) {

    public DiscontinueProduct {
        sku = Checks.sku("sku", sku);
    }
}

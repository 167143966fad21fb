package com.allinone.commerce.api.catalog;

import com.allinone.commerce.api.common.Checks;
import com.allinone.commerce.api.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeProductPrice(@TargetAggregateIdentifier String sku, Money price) {

    public ChangeProductPrice {
        sku = Checks.sku("sku", sku);
        Money.requireListPrice("price", price);
    }
}

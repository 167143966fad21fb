package com.allinone.commerce.api.catalog;

import com.allinone.commerce.api.common.Checks;
import com.allinone.commerce.api.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateProduct(@TargetAggregateIdentifier String sku, String name, String description, String category,
                            Money price) {

    public CreateProduct {
        sku = Checks.sku("sku", sku);
        name = Checks.text("name", name, 200);
        description = Checks.optionalText("description", description, 4000);
        category = Checks.text("category", category, 100);
        Money.requireListPrice("price", price);
    }
}

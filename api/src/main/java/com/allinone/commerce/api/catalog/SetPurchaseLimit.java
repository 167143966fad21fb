package com.allinone.commerce.api.catalog;

import com.allinone.commerce.api.common.Checks;
import com.allinone.commerce.api.common.InvalidValueException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * How many units of the product one customer may hold or have bought at a time (a flash sale's fairness rule);
 * {@code perCustomer} null lifts the limit.
 */
public record SetPurchaseLimit(@TargetAggregateIdentifier String sku, Integer perCustomer) {

    public static final int MAX_LIMIT = 1_000_000;

    public SetPurchaseLimit {
        sku = Checks.sku("sku", sku);
        if (perCustomer != null && (perCustomer < 1 || perCustomer > MAX_LIMIT)) {
            throw new InvalidValueException("perCustomer", "must be between 1 and " + MAX_LIMIT + ", or null for none");
        }
    }
}

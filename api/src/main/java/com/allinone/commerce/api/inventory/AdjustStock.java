package com.allinone.commerce.api.inventory;

import com.allinone.commerce.api.common.Checks;
import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.common.InvalidValueException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A correction after a count (shrinkage, damage, found goods): {@code delta} is non-zero, either sign. */
public record AdjustStock(String sku, int delta, String reason, String adjustmentId) {

    public AdjustStock {
        sku = Checks.sku("sku", sku);
        if (delta == 0) {
            throw new InvalidValueException("delta", "must not be zero");
        }
        Checks.range("delta", delta, -ReceiveStock.MAX_QUANTITY, ReceiveStock.MAX_QUANTITY);
        reason = Checks.text("reason", reason, 200);
        adjustmentId = Checks.id("adjustmentId", adjustmentId);
    }

    /** Routes to the SKU's Inventory stream, which is not the Product's (see {@link FlowIds#inventoryId}). */
    @TargetAggregateIdentifier
    public String inventoryId() {
        return FlowIds.inventoryId(sku);
    }
}

package com.allinone.commerce.api.inventory;

import com.allinone.commerce.api.common.Checks;
import com.allinone.commerce.api.common.FlowIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Goods arrived. {@code receiptId} makes a retried receipt a no-op; it is the client's Idempotency-Key when one
 * was sent, otherwise a fresh id.
 */
public record ReceiveStock(String sku, int quantity, String reason, String receiptId) {

    public static final int MAX_QUANTITY = 1_000_000;

    public ReceiveStock {
        sku = Checks.sku("sku", sku);
        Checks.range("quantity", quantity, 1, MAX_QUANTITY);
        reason = Checks.text("reason", reason, 200);
        receiptId = Checks.id("receiptId", receiptId);
    }

    /** Routes to the SKU's Inventory stream, which is not the Product's (see {@link FlowIds#inventoryId}). */
    @TargetAggregateIdentifier
    public String inventoryId() {
        return FlowIds.inventoryId(sku);
    }
}

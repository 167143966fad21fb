package com.allinone.commerce.api.inventory;

public record StockAdjusted(String sku, int delta, String reason, String adjustmentId) {
}

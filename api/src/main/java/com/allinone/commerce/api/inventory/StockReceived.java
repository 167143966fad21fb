package com.allinone.commerce.api.inventory;

public record StockReceived(String sku, int quantity, String reason, String receiptId) {
}

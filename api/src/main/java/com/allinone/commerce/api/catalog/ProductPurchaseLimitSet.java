package com.allinone.commerce.api.catalog;

/** The per-customer limit of a product changed; {@code perCustomer} null means none. */
public record ProductPurchaseLimitSet(String sku, Integer perCustomer) {
}

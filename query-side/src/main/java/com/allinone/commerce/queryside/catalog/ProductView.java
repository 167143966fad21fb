package com.allinone.commerce.queryside.catalog;

import java.util.Map;
import org.bson.Document;

/** A product as the storefront shows it; {@code available} is null when the stock counters cannot be read. */
public record ProductView(String sku, String name, String description, String category, Map<String, Object> price,
                          Long available, boolean discontinued) {

    static ProductView of(Document product, Long available) {
        Document price = product.get("price", Document.class);
        return new ProductView(product.getString("_id"), product.getString("name"), product.getString("description"),
                product.getString("category"),
                Map.of("amount", ((Number) price.get("amount")).longValue(), "currency", price.getString("currency")),
                available, Boolean.TRUE.equals(product.getBoolean("discontinued")));
    }
}

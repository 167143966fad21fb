package com.allinone.commerce.api.catalog;

import com.allinone.commerce.api.common.Money;

public record ProductCreated(String sku, String name, String description, String category, Money price) {
}

package com.allinone.commerce.api.catalog;

public record ProductDiscontinued(String sku) {
}

package com.allinone.commerce.api.catalog;

import com.allinone.commerce.api.common.Money;

public record ProductPriceChanged(String sku, Money previousPrice, Money price) {
}

package com.allinone.commerce.api.order;


public record OrderCancellationRequested(String orderId, String customerId) {
}

package com.allinone.commerce.api.order;


public record OrderCancellationRejected(String orderId, String reason) {
}

package com.allinone.commerce.api.order;


public record OrderCancelled(String orderId, CancellationReason reason) {
}

package com.allinone.commerce.api.order;


public record OrderPaid(String orderId, String paymentId) {
}

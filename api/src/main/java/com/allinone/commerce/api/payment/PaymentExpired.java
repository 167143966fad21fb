package com.allinone.commerce.api.payment;


public record PaymentExpired(String paymentId, String orderId) {
}

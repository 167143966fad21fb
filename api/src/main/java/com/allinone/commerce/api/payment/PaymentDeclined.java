package com.allinone.commerce.api.payment;


public record PaymentDeclined(String paymentId, String orderId, String reason) {
}

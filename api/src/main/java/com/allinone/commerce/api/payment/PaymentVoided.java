package com.allinone.commerce.api.payment;


/** An authorization arrived after the payment expired: the money is released, never kept. */
public record PaymentVoided(String paymentId, String orderId, String gatewayRef) {
}

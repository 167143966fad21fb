package com.allinone.commerce.api.payment;

import com.allinone.commerce.api.common.Money;

public record PaymentRequested(String paymentId, String orderId, Money amount) {
}

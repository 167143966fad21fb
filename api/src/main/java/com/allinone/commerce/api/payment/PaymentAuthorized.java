package com.allinone.commerce.api.payment;

import com.allinone.commerce.api.common.Money;

public record PaymentAuthorized(String paymentId, String orderId, Money amount, String gatewayRef) {
}

package com.allinone.commerce.api.order;


public record OrderConfirmed(String orderId) {
}

package com.allinone.commerce.api.order;


public record OrderDelivered(String orderId) {
}

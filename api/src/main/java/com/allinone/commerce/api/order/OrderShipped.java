package com.allinone.commerce.api.order;


public record OrderShipped(String orderId, String shipmentId) {
}

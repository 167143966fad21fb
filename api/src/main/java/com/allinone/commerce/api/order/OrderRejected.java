package com.allinone.commerce.api.order;


public record OrderRejected(String orderId, RejectionReason reason) {
}

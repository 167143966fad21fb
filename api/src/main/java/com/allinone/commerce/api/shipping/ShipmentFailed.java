package com.allinone.commerce.api.shipping;


public record ShipmentFailed(String shipmentId, String orderId, String reason) {
}

package com.allinone.commerce.api.shipping;


public record ShipmentCancelled(String shipmentId, String orderId) {
}

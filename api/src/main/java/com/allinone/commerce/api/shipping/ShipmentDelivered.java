package com.allinone.commerce.api.shipping;


public record ShipmentDelivered(String shipmentId, String orderId) {
}

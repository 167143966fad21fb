package com.allinone.commerce.api.shipping;


public record ShipmentDispatched(String shipmentId, String orderId) {
}

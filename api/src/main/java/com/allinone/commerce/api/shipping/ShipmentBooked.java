package com.allinone.commerce.api.shipping;

/** The carrier accepted the shipment for its address. */
public record ShipmentBooked(String shipmentId, String orderId) {
}

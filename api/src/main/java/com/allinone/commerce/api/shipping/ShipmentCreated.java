package com.allinone.commerce.api.shipping;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.ShippingAddress;
import java.util.List;

public record ShipmentCreated(String shipmentId, String orderId, ShippingAddress address, List<OrderLine> lines) {
}

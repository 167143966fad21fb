package com.allinone.commerce.api.shipping;

import com.allinone.commerce.api.common.Checks;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.ShippingAddress;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.List;

public record CreateShipment(@TargetAggregateIdentifier String shipmentId, String orderId, ShippingAddress address, List<OrderLine> lines) {

    public CreateShipment {
        shipmentId = Checks.id("shipmentId", shipmentId);
        orderId = Checks.id("orderId", orderId);
        Checks.present("address", address);
        Checks.present("lines", lines);
    }
}

package com.allinone.commerce.api.inventory;

import com.allinone.commerce.api.common.Checks;
import com.allinone.commerce.api.common.OrderLine;
import java.util.List;
import org.axonframework.commandhandling.RoutingKey;

/**
 * The order flow asks the stock gate to take an order's lines that the door could not reserve (Redis was down). The
 * gate's participant answers with RecordStockReserved, or RejectOrder (OUT_OF_STOCK, PURCHASE_LIMIT_REACHED); no answer
 * means ask again. {@code customerId} counts the order against its SKUs' purchase limits; null (a flow started before
 * limits existed) counts it against none.
 */
public record ReserveOrderStock(@RoutingKey String orderId, String customerId, List<OrderLine> lines) {

    public ReserveOrderStock {
        orderId = Checks.id("orderId", orderId);
        lines = List.copyOf(Checks.present("lines", lines));
    }

    /** For an order whose customer is not known: no purchase limit applies. */
    public ReserveOrderStock(String orderId, List<OrderLine> lines) {
        this(orderId, null, lines);
    }
}

package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.OrderLine;
import java.util.List;

public record OrderStockReserved(String orderId, List<OrderLine> lines) {
}

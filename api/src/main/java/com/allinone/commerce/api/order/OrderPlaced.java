package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.common.ShippingAddress;
import java.util.List;

/** Lines are priced by the command side's catalog lookup; requestHash identifies the request that placed it. */
public record OrderPlaced(String orderId, String customerId, List<PricedLine> lines, Money total, ShippingAddress shippingAddress, String requestHash) {
}

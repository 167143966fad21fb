package com.allinone.commerce.api.order;

import com.allinone.commerce.api.common.Checks;
import com.allinone.commerce.api.common.InvalidValueException;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.ShippingAddress;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A customer's order. There is no price, total or status here: the command side prices the lines itself.
 * {@code requestHash} fingerprints the request so that a retry with the same Idempotency-Key and another body is
 * told apart from a true retry.
 */
public record PlaceOrder(@TargetAggregateIdentifier String orderId, String customerId, List<OrderLine> lines,
                         ShippingAddress shippingAddress, String requestHash) {

    public static final int MAX_LINES = 100;

    public PlaceOrder {
        orderId = Checks.id("orderId", orderId);
        customerId = Checks.id("customerId", customerId);
        lines = distinctLines(lines);
        Checks.present("shippingAddress", shippingAddress);
        requestHash = Checks.id("requestHash", requestHash);
    }

    private static List<OrderLine> distinctLines(List<OrderLine> lines) {
        if (lines == null || lines.isEmpty()) {
            throw new InvalidValueException("lines", "must contain at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw new InvalidValueException("lines", "must contain at most " + MAX_LINES + " lines");
        }
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = Checks.present("lines[" + i + "]", lines.get(i));
            if (!skus.add(line.sku())) {
                throw new InvalidValueException("lines[" + i + "].sku", "duplicates the line for " + line.sku());
            }
        }
        return List.copyOf(lines);
    }
}

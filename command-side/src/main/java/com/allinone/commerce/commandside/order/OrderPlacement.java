package com.allinone.commerce.commandside.order;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.order.PlaceOrder;
import com.allinone.commerce.commandside.catalog.CatalogLookup;
import com.allinone.commerce.commandside.catalog.CatalogLookup.ListedProduct;
import com.allinone.commerce.commandside.common.RejectedCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Places an order: the lines are priced here from the command side's catalog lookup, never by the client. A retry
 * of the same request (same customer, key and body) answers the existing order and applies nothing; the same key
 * with another body is refused. The existing order is checked before pricing, so a retry still succeeds after its
 * product was repriced or discontinued.
 */
public class OrderPlacement {

    /** What {@code POST /api/orders} answers; {@code sequence} is the read-your-writes consistency token. */
    public record Placed(String orderId, long sequence) {
    }

    private final Repository<Order> orders;
    private final CatalogLookup catalog;

    public OrderPlacement(Repository<Order> orders, CatalogLookup catalog) {
        this.orders = orders;
        this.catalog = catalog;
    }

    @CommandHandler
    public Placed handle(PlaceOrder command) throws Exception {
        Aggregate<Order> order = orders.loadOrCreate(command.orderId(), Order::new);
        if (order.invoke(Order::isPlaced)) {
            if (!order.invoke(o -> o.wasPlacedBy(command))) {
                throw RejectedCommand.unprocessable("idempotency-key-reused",
                        "This Idempotency-Key was already used for a different order request");
            }
            // The first answer again: OrderPlaced is always the order's event 0.
            return new Placed(command.orderId(), 0L);
        }
        List<PricedLine> priced;
        Money total;
        try {
            priced = price(command.lines());
            total = priced.stream().map(PricedLine::lineTotal).reduce(Money::plus).orElseThrow();
        } catch (ArithmeticException overflow) {
            // Unreachable with list prices capped by Money.MAX_LIST_PRICE; kept so it can never become a 500.
            throw RejectedCommand.unprocessable("order-total-too-large", "The order total is too large");
        }
        order.execute(o -> o.place(command, priced, total));
        return new Placed(command.orderId(), order.version());
    }

    private List<PricedLine> price(List<OrderLine> lines) {
        Map<String, ListedProduct> listed = catalog.find(lines.stream().map(OrderLine::sku).toList());
        List<PricedLine> priced = new ArrayList<>(lines.size());
        String currency = null;
        for (OrderLine line : lines) {
            ListedProduct product = listed.get(line.sku());
            if (product == null) {
                throw RejectedCommand.unprocessable("unknown-product", "No product with SKU " + line.sku());
            }
            if (product.discontinued()) {
                throw RejectedCommand.unprocessable("product-discontinued",
                        "Product " + line.sku() + " is discontinued");
            }
            if (currency != null && !currency.equals(product.price().currency())) {
                throw RejectedCommand.unprocessable("mixed-currencies",
                        "The products of one order must share a currency");
            }
            currency = product.price().currency();
            priced.add(PricedLine.of(line, product.price()));
        }
        return priced;
    }
}

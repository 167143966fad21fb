package com.allinone.commerce.commandside.order;

import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.inventory.StockDoor;
import com.allinone.commerce.api.order.PlaceOrder;
import com.allinone.commerce.commandside.catalog.CatalogLookup;
import com.allinone.commerce.commandside.catalog.CatalogLookup.ListedProduct;
import com.allinone.commerce.commandside.common.RejectedCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places an order: the lines are priced here from the command side's catalog lookup, never by the client, and their
 * stock is taken at the door (DESIGN §4) before anything is stored. A short line refuses the order with nothing
 * written; a gate that cannot answer stores the order as waiting for stock, for the flow to reserve later.
 *
 * <p>A retry of the same request (same customer, key and body) answers the existing order and applies nothing; the
 * same key with another body is refused. The existing order is checked before pricing and before the gate, so a
 * retry still succeeds after its product was repriced, discontinued or sold out.
 */
public class OrderPlacement {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);
    public static final String OUT_OF_STOCK = "out-of-stock";
    public static final String REQUEST_IN_PROGRESS = "order-request-in-progress";
    public static final String PURCHASE_LIMIT_REACHED = "purchase-limit-reached";

    /** What {@code POST /api/orders} answers; {@code sequence} is the read-your-writes consistency token. */
    public record Placed(String orderId, long sequence) {
    }

    private final Repository<Order> orders;
    private final CatalogLookup catalog;
    private final StockDoor door;

    public OrderPlacement(Repository<Order> orders, CatalogLookup catalog, StockDoor door) {
        this.orders = orders;
        this.catalog = catalog;
        this.door = door;
    }

    @CommandHandler
    public Placed handle(PlaceOrder command) throws Exception {
        Aggregate<Order> order = orders.loadOrCreate(command.orderId(), Order::new);
        if (order.invoke(Order::isPlaced)) {
            if (!order.invoke(o -> o.wasPlacedBy(command))) {
                throw RejectedCommand.unprocessable("idempotency-key-reused",
                        "This Idempotency-Key was already used for a different order request");
            }
            return new Placed(command.orderId(), order.invoke(Order::placementSequence));
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
        boolean stockHeld = takeStock(command);
        order.execute(o -> o.place(command, priced, total, stockHeld));
        return new Placed(command.orderId(), order.version());
    }

    /** Answers whether this call took the stock; refuses the order when the stock cannot be had. */
    private boolean takeStock(PlaceOrder command) {
        // The adapter bounds its own wait and answers UNAVAILABLE rather than failing, so join never hangs.
        StockDoor.Answer answer = door.reserve(command.orderId(), command.customerId(), command.lines()).join();
        return switch (answer.outcome()) {
            case RESERVED -> {
                releaseIfNotStored(command.orderId());
                yield true;
            }
            case UNAVAILABLE -> false;
            case SHORT -> throw RejectedCommand.conflict(OUT_OF_STOCK,
                    "Not enough stock for " + String.join(", ", answer.shortSkus()),
                    Map.of("skus", answer.shortSkus()));
            case LIMIT -> throw RejectedCommand.conflict(PURCHASE_LIMIT_REACHED,
                    "This order would take you over the per-customer limit of " + String.join(", ",
                            answer.shortSkus()), Map.of("skus", answer.shortSkus()));
            // The order is not stored, yet its key holds stock: a copy of this request is storing it right now (or
            // died doing so, and the sweeper will give the stock back). Only the copy that took the stock may store
            // the order, so that a failed store can always give it back; the sender retries and finds the order.
            case ALREADY_RESERVED -> throw RejectedCommand.conflict(REQUEST_IN_PROGRESS,
                    "A copy of this order request is being placed right now; retry shortly");
            case RELEASED -> throw RejectedCommand.conflict("idempotency-key-spent",
                    "An earlier attempt of this request was not stored and its stock was given back; "
                            + "send the order again with a new Idempotency-Key");
        };
    }

    /** The stock this request took goes back if the order does not get stored, before the client hears about it. */
    private void releaseIfNotStored(String orderId) {
        CurrentUnitOfWork.get().onRollback(unitOfWork -> door.release(orderId)
                .exceptionally(error -> {
                    log.warn("Order {} was not stored and its stock could not be given back now ({}); "
                            + "the sweeper will release it", orderId, error.toString());
                    return null;
                })
                .join());
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

package com.allinone.commerce.sagas.inventory;

import com.allinone.commerce.api.catalog.ProductPurchaseLimitSet;
import com.allinone.commerce.api.inventory.StockAdjusted;
import com.allinone.commerce.api.inventory.StockReceived;
import com.allinone.commerce.api.order.OrderStockReserved;
import java.time.Duration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Keeps the Redis counters in step with the Inventory aggregate. Each receipt or adjustment is applied with its
 * Inventory sequence, so redelivery and replay change nothing twice. A failure (Redis down, counters not rebuilt yet)
 * propagates and the processor retries the event: stock is never silently skipped. It also tells the sweeper which
 * reservations have their OrderStockReserved.
 */
@ProcessingGroup(StockLedgerProjector.PROCESSING_GROUP)
public class StockLedgerProjector {

    public static final String PROCESSING_GROUP = "stock-ledger";

    private final StockGate gate;
    private final Duration timeout;

    public StockLedgerProjector(StockGate gate, Duration timeout) {
        this.gate = gate;
        this.timeout = timeout;
    }

    @EventHandler
    void on(StockReceived event, @SequenceNumber long sequence) {
        gate.receive(event.sku(), event.quantity(), sequence).block(timeout);
    }

    @EventHandler
    void on(StockAdjusted event, @SequenceNumber long sequence) {
        if (event.delta() < 0) {
            // Its units were taken from the gate before it was stored: counted here only if that was undone.
            gate.adjust(event.sku(), event.delta(), sequence, event.adjustmentId()).block(timeout);
        } else {
            gate.receive(event.sku(), event.delta(), sequence).block(timeout);
        }
    }

    /** Limits are plain values, last one wins: a redelivered or replayed event sets the same value again. */
    @EventHandler
    void on(ProductPurchaseLimitSet event) {
        gate.setPurchaseLimit(event.sku(), event.perCustomer()).block(timeout);
    }

    @EventHandler
    void on(OrderStockReserved event) {
        gate.markRecorded(event.orderId()).block(timeout);
    }
}

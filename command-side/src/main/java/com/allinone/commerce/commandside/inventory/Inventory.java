package com.allinone.commerce.commandside.inventory;

import static com.allinone.commerce.commandside.common.FlowEvents.applyInFlow;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.inventory.AdjustStock;
import com.allinone.commerce.api.inventory.ReceiveStock;
import com.allinone.commerce.api.inventory.StockAdjusted;
import com.allinone.commerce.api.inventory.StockReceived;
import com.allinone.commerce.commandside.common.RejectedCommand;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The physical stock of one SKU: what was received and adjusted. It is deliberately low-frequency: orders never touch
 * it (the Redis gate holds the live available counter), so a flash sale does not serialize on this aggregate. For the
 * same reason it cannot know how many units orders hold: {@link StockAdjustment} asks the gate before an adjustment
 * removes units.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotEveryNEvents", cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Inventory {

    /** How many receipt/adjustment ids are remembered to make retries no-ops; older retries are not expected. */
    static final int REMEMBERED_IDS = 1_000;
    /** Receipts and adjustments are told apart, so a receipt never collides with an adjustment sharing its id. */
    private static final String RECEIPT = "receipt:";
    private static final String ADJUSTMENT = "adjustment:";

    @AggregateIdentifier
    private String inventoryId;
    private String sku;
    private long onHand;
    private Deque<String> recentIds = new ArrayDeque<>();
    private Set<String> recentIdSet = new HashSet<>();

    protected Inventory() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReceiveStock command) {
        if (recentIdSet.contains(RECEIPT + command.receiptId())) {
            return;
        }
        applyInFlow(command.sku(), new StockReceived(command.sku(), command.quantity(), command.reason(),
                command.receiptId()));
    }

    // --- adjustments: called by StockAdjustment, which takes removed units from the stock gate first ---

    boolean hasApplied(AdjustStock command) {
        return recentIdSet.contains(ADJUSTMENT + command.adjustmentId());
    }

    /** Refuses to remove more than was ever received; units held by orders are the gate's to refuse. */
    void requireOnHand(AdjustStock command) {
        if (onHand + command.delta() < 0) {
            throw RejectedCommand.conflict("stock-would-go-negative",
                    "Adjusting " + command.sku() + " by " + command.delta() + " would leave less than nothing ("
                            + onHand + " on hand)");
        }
    }

    void adjust(AdjustStock command) {
        requireOnHand(command);
        applyInFlow(command.sku(), new StockAdjusted(command.sku(), command.delta(), command.reason(),
                command.adjustmentId()));
    }

    @EventSourcingHandler
    void on(StockReceived event) {
        identify(event.sku());
        onHand += event.quantity();
        remember(RECEIPT + event.receiptId());
    }

    @EventSourcingHandler
    void on(StockAdjusted event) {
        identify(event.sku());
        onHand += event.delta();
        remember(ADJUSTMENT + event.adjustmentId());
    }

    private void identify(String stockedSku) {
        sku = stockedSku;
        inventoryId = FlowIds.inventoryId(stockedSku);
    }

    private void remember(String id) {
        if (recentIdSet.add(id)) {
            recentIds.addLast(id);
            if (recentIds.size() > REMEMBERED_IDS) {
                recentIdSet.remove(recentIds.removeFirst());
            }
        }
    }
}

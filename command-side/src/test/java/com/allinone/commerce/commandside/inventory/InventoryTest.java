package com.allinone.commerce.commandside.inventory;

import static com.allinone.commerce.commandside.common.FlowMessages.inFlow;
import static com.allinone.commerce.commandside.common.Rejections.conflict;

import com.allinone.commerce.api.inventory.AdjustStock;
import com.allinone.commerce.api.inventory.ReceiveStock;
import com.allinone.commerce.api.inventory.StockAdjusted;
import com.allinone.commerce.api.inventory.StockReceived;
import com.allinone.commerce.commandside.common.RejectedCommand;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commands route to {@code FlowIds.inventoryId(sku)} through their {@code inventoryId()} accessor; the fixture
 * assigns that id to the given events, and the aggregate derives the same one from the SKU while sourcing them.
 */
class InventoryTest {

    private static final String SKU = "MUG-01";

    private AggregateTestFixture<Inventory> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Inventory.class);
    }

    private static StockReceived received(int quantity, String receiptId) {
        return new StockReceived(SKU, quantity, "purchase order", receiptId);
    }

    // --- ReceiveStock ---

    @Test
    void receivingStockOfANewSkuStartsItsInventoryTaggedWithTheSku() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveStock(SKU, 50, "purchase order", "receipt-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(inFlow(SKU, received(50, "receipt-1")));
    }

    @Test
    void receivesMoreStockOfAKnownSku() {
        fixture.given(received(50, "receipt-1"))
                .when(new ReceiveStock(SKU, 20, "purchase order", "receipt-2"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(received(20, "receipt-2"));
    }

    @Test
    void aReceiptIsNotMistakenForAnAdjustmentThatUsedTheSameId() {
        fixture.given(new StockAdjusted(SKU, 5, "found", "shared-id"))
                .when(new ReceiveStock(SKU, 50, "purchase order", "shared-id"))
                .expectEvents(new StockReceived(SKU, 50, "purchase order", "shared-id"));
    }

    @Test
    void aRetriedReceiptChangesNothing() {
        fixture.given(received(50, "receipt-1"))
                .when(new ReceiveStock(SKU, 50, "purchase order", "receipt-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRetriedReceiptChangesNothingWhileItIsAmongTheLastRememberedIds() {
        // receipt-1 followed by REMEMBERED_IDS - 1 newer receipts: it is the oldest id still remembered.
        List<Object> history = new ArrayList<>();
        for (int i = 1; i <= Inventory.REMEMBERED_IDS; i++) {
            history.add(received(1, "receipt-" + i));
        }
        fixture.given(history)
                .when(new ReceiveStock(SKU, 1, "purchase order", "receipt-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- AdjustStock ---

    @Test
    void adjustsStockDownWithinWhatIsOnHand() {
        fixture.given(received(50, "receipt-1"))
                .when(new AdjustStock(SKU, -50, "damaged", "adjustment-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(inFlow(SKU, new StockAdjusted(SKU, -50, "damaged", "adjustment-1")));
    }

    @Test
    void adjustsStockUpForGoodsFound() {
        fixture.given(received(50, "receipt-1"))
                .when(new AdjustStock(SKU, 3, "found in count", "adjustment-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StockAdjusted(SKU, 3, "found in count", "adjustment-1"));
    }

    @Test
    void foundGoodsOfANeverReceivedSkuStartItsInventory() {
        fixture.givenNoPriorActivity()
                .when(new AdjustStock(SKU, 2, "found in count", "adjustment-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StockAdjusted(SKU, 2, "found in count", "adjustment-1"));
    }

    @Test
    void refusesAnAdjustmentThatWouldLeaveLessThanNothing() {
        fixture.given(received(50, "receipt-1"), new StockAdjusted(SKU, -10, "damaged", "adjustment-1"))
                .when(new AdjustStock(SKU, -41, "shrinkage", "adjustment-2"))
                .expectNoEvents()
                .expectException(RejectedCommand.class)
                .expectExceptionDetails(conflict("stock-would-go-negative"));
    }

    @Test
    void refusesToTakeStockFromANeverReceivedSku() {
        fixture.givenNoPriorActivity()
                .when(new AdjustStock(SKU, -1, "shrinkage", "adjustment-1"))
                .expectNoEvents()
                .expectException(RejectedCommand.class)
                .expectExceptionDetails(conflict("stock-would-go-negative"));
    }

    @Test
    void aRetriedAdjustmentChangesNothing() {
        fixture.given(received(50, "receipt-1"), new StockAdjusted(SKU, -5, "damaged", "adjustment-1"))
                .when(new AdjustStock(SKU, -5, "damaged", "adjustment-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRetriedAdjustmentChangesNothingEvenWhenItCouldNoLongerBeApplied() {
        fixture.given(received(50, "receipt-1"), new StockAdjusted(SKU, -30, "damaged", "adjustment-1"))
                .when(new AdjustStock(SKU, -30, "damaged", "adjustment-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}

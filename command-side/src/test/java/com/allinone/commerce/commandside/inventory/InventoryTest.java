package com.allinone.commerce.commandside.inventory;

import static com.allinone.commerce.commandside.common.FlowMessages.inFlow;
import static com.allinone.commerce.commandside.common.Rejections.conflict;
import static com.allinone.commerce.commandside.common.Rejections.unavailable;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.inventory.AdjustStock;
import com.allinone.commerce.api.inventory.ReceiveStock;
import com.allinone.commerce.api.inventory.StockAdjusted;
import com.allinone.commerce.api.inventory.StockReceived;
import com.allinone.commerce.api.inventory.StockWithdrawals;
import com.allinone.commerce.commandside.common.RejectedCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commands route to {@code FlowIds.inventoryId(sku)} through their {@code inventoryId()} accessor; the fixture
 * assigns that id to the given events, and the aggregate derives the same one from the SKU while sourcing them.
 * Adjustments go through {@link StockAdjustment}, with the stock gate stubbed: it has every unit available unless a
 * test says otherwise.
 */
class InventoryTest {

    private static final String SKU = "MUG-01";

    private AggregateTestFixture<Inventory> fixture;
    private final StubGate gate = new StubGate();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Inventory.class);
        fixture.registerAnnotatedCommandHandler(new StockAdjustment(fixture.getRepository(), gate));
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

    @Test
    void anAdjustmentThatRemovesUnitsTakesThemFromTheGateFirst() {
        fixture.given(received(50, "receipt-1"))
                .when(new AdjustStock(SKU, -20, "damaged", "adjustment-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StockAdjusted(SKU, -20, "damaged", "adjustment-1"));
        assertThat(gate.withdrawn).containsExactly("MUG-01:adjustment-1:20");
        assertThat(gate.givenBack).isEmpty();
    }

    @Test
    void refusesToTakeUnitsThatOrdersHoldAndStoresNothing() {
        // 50 received, and orders hold or shipped all but 5 of them.
        gate.answer = new StockWithdrawals.Withdrawal(StockWithdrawals.Outcome.SHORT, 5);

        fixture.given(received(50, "receipt-1"))
                .when(new AdjustStock(SKU, -10, "count", "adjustment-1"))
                .expectNoEvents()
                .expectException(RejectedCommand.class)
                .expectExceptionDetails(conflict("stock-held-by-orders"));
    }

    @Test
    void refusesToAdjustWhileTheGateCannotAnswerAndStoresNothing() {
        gate.answer = StockWithdrawals.Withdrawal.of(StockWithdrawals.Outcome.UNAVAILABLE);

        fixture.given(received(50, "receipt-1"))
                .when(new AdjustStock(SKU, -10, "count", "adjustment-1"))
                .expectNoEvents()
                .expectException(RejectedCommand.class)
                .expectExceptionDetails(unavailable("stock-gate-unavailable"));
    }

    @Test
    void anAdjustmentTheGateAlreadyCountedIsNotStoredAgain() {
        // More than REMEMBERED_IDS adjustments ago: the aggregate forgot the id, the gate did not.
        gate.answer = StockWithdrawals.Withdrawal.of(StockWithdrawals.Outcome.ALREADY_APPLIED);

        fixture.given(received(50, "receipt-1"))
                .when(new AdjustStock(SKU, -10, "count", "adjustment-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void addingUnitsNeverAsksTheGate() {
        fixture.given(received(50, "receipt-1"))
                .when(new AdjustStock(SKU, 5, "found", "adjustment-1"))
                .expectEvents(new StockAdjusted(SKU, 5, "found", "adjustment-1"));
        assertThat(gate.withdrawn).isEmpty();
    }

    @Test
    void neitherARetryNorAnAdjustmentBelowNothingAsksTheGate() {
        fixture.given(received(50, "receipt-1"), new StockAdjusted(SKU, -5, "damaged", "adjustment-1"))
                .when(new AdjustStock(SKU, -5, "damaged", "adjustment-1"))
                .expectNoEvents();
        fixture.given(received(50, "receipt-1"))
                .when(new AdjustStock(SKU, -51, "damaged", "adjustment-2"))
                .expectExceptionDetails(conflict("stock-would-go-negative"));
        assertThat(gate.withdrawn).isEmpty();
    }

    @Test
    void unitsTakenForAnAdjustmentThatIsNotStoredGoBack() {
        fixture.registerCommandHandlerInterceptor((unitOfWork, chain) -> {
            chain.proceed();
            throw new IllegalStateException("the event store refused the append");
        });

        fixture.given(received(50, "receipt-1"))
                .when(new AdjustStock(SKU, -20, "damaged", "adjustment-1"))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
        assertThat(gate.withdrawn).containsExactly("MUG-01:adjustment-1:20");
        assertThat(gate.givenBack).containsExactly("MUG-01:adjustment-1");
    }

    /** The stock gate as a port: every unit is available unless a test sets another answer. */
    private static final class StubGate implements StockWithdrawals {

        Withdrawal answer = new Withdrawal(Outcome.TAKEN, 1_000);
        final List<String> withdrawn = new ArrayList<>();
        final List<String> givenBack = new ArrayList<>();

        @Override
        public CompletableFuture<Withdrawal> withdraw(String sku, String adjustmentId, int units) {
            withdrawn.add(sku + ":" + adjustmentId + ":" + units);
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public CompletableFuture<Void> giveBack(String sku, String adjustmentId) {
            givenBack.add(sku + ":" + adjustmentId);
            return CompletableFuture.completedFuture(null);
        }
    }
}

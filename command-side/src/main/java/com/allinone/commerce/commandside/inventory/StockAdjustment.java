package com.allinone.commerce.commandside.inventory;

import com.allinone.commerce.api.inventory.AdjustStock;
import com.allinone.commerce.api.inventory.StockWithdrawals;
import com.allinone.commerce.api.inventory.StockWithdrawals.Withdrawal;
import com.allinone.commerce.commandside.common.RejectedCommand;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adjusts a SKU's stock. An adjustment that removes units takes them from the stock gate's available units first,
 * all or none, the way an order takes its stock at the door: units held or committed by orders are not available, so
 * a count can never take them away from the orders (409 {@code stock-held-by-orders}, nothing stored). If the
 * adjustment is then not stored, the units go back before the client hears about it (or, after a crash, by the
 * gate's sweeper); once stored, the stock ledger knows they were taken and does not take them again.
 */
public class StockAdjustment {

    private static final Logger log = LoggerFactory.getLogger(StockAdjustment.class);
    public static final String HELD_BY_ORDERS = "stock-held-by-orders";

    private final Repository<Inventory> inventories;
    private final StockWithdrawals gate;

    public StockAdjustment(Repository<Inventory> inventories, StockWithdrawals gate) {
        this.inventories = inventories;
        this.gate = gate;
    }

    @CommandHandler
    public void handle(AdjustStock command) throws Exception {
        Aggregate<Inventory> inventory = inventories.loadOrCreate(command.inventoryId(), Inventory::new);
        if (inventory.invoke(i -> i.hasApplied(command))) {
            return;
        }
        inventory.execute(i -> i.requireOnHand(command));
        if (command.delta() < 0 && !takeUnits(command)) {
            return;
        }
        inventory.execute(i -> i.adjust(command));
    }

    /** Answers whether the adjustment is still to be stored; refuses it when the units cannot be had. */
    private boolean takeUnits(AdjustStock command) {
        // The adapter bounds its own wait and answers UNAVAILABLE rather than failing, so join never hangs.
        Withdrawal withdrawal = gate.withdraw(command.sku(), command.adjustmentId(), -command.delta()).join();
        return switch (withdrawal.outcome()) {
            case TAKEN -> {
                giveBackIfNotStored(command);
                yield true;
            }
            // Stored and counted already, though this Inventory no longer remembers the id: a retry, a no-op.
            case ALREADY_APPLIED -> false;
            case SHORT -> throw RejectedCommand.conflict(HELD_BY_ORDERS,
                    "Adjusting " + command.sku() + " by " + command.delta() + " would take units that orders hold "
                            + "or shipped: only " + withdrawal.available() + " are available",
                    Map.of("sku", command.sku(), "available", withdrawal.available()));
            case UNAVAILABLE -> throw RejectedCommand.unavailable("stock-gate-unavailable",
                    "The stock counters cannot answer right now, so no units can be removed; nothing was changed, "
                            + "please retry shortly");
        };
    }

    private void giveBackIfNotStored(AdjustStock command) {
        CurrentUnitOfWork.get().onRollback(unitOfWork -> gate.giveBack(command.sku(), command.adjustmentId())
                .exceptionally(error -> {
                    log.warn("Adjustment {} of {} was not stored and its units could not be given back now ({}); "
                            + "the sweeper will return them", command.adjustmentId(), command.sku(), error.toString());
                    return null;
                })
                .join());
    }
}

package com.allinone.commerce.sagas.inventory;

import com.allinone.commerce.api.inventory.StockWithdrawals;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/** Stock adjustments take their units in the Redis stock gate, all or none, keyed by SKU and adjustmentId. */
public class RedisStockWithdrawals implements StockWithdrawals {

    private final StockGate gate;
    private final Duration timeout;

    public RedisStockWithdrawals(StockGate gate, Duration timeout) {
        this.gate = gate;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Withdrawal> withdraw(String sku, String adjustmentId, int units) {
        return gate.withdraw(sku, adjustmentId, units)
                .timeout(timeout, Mono.just(StockGate.Withdrawal.UNAVAILABLE))
                .map(RedisStockWithdrawals::answer)
                .toFuture();
    }

    @Override
    public CompletableFuture<Void> giveBack(String sku, String adjustmentId) {
        return gate.giveBack(sku, adjustmentId).timeout(timeout)
                .flatMap(state -> "NOT_READY".equals(state)
                        ? Mono.<Void>error(new IllegalStateException("the stock gate answered " + state))
                        : Mono.<Void>empty())
                .toFuture();
    }

    private static Withdrawal answer(StockGate.Withdrawal withdrawal) {
        Outcome outcome = switch (withdrawal.state()) {
            case "TAKEN" -> Outcome.TAKEN;
            case "SHORT" -> Outcome.SHORT;
            case "APPLIED" -> Outcome.ALREADY_APPLIED;
            default -> Outcome.UNAVAILABLE;
        };
        return new Withdrawal(outcome, withdrawal.available());
    }
}

package com.allinone.commerce.sagas.inventory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code commerce.stock.*}: how the stock gate and its ledger keeper behave.
 *
 * @param callTimeout   longest wait for one Redis call before the caller treats Redis as unavailable
 * @param checkInterval how often the keeper looks for lost counters (and rebuilds them)
 * @param rebuildLease  how long one node may hold the rebuild lock
 * @param sweepInterval how often the sweeper runs
 * @param sweepGrace    how old a reservation without its OrderStockReserved must be before it is released
 * @param recordRetention how long a settled reservation record (released, committed) stays in Redis
 * @param shortRetention how long the record of an order refused at the door (SHORT) stays in Redis
 */
@ConfigurationProperties("commerce.stock")
public record StockSettings(@DefaultValue("2s") Duration callTimeout,
                            @DefaultValue("2s") Duration checkInterval,
                            @DefaultValue("5m") Duration rebuildLease,
                            @DefaultValue("30s") Duration sweepInterval,
                            @DefaultValue("2m") Duration sweepGrace,
                            @DefaultValue("30d") Duration recordRetention,
                            @DefaultValue("5m") Duration shortRetention) {
}

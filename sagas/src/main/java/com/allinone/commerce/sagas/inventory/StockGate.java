package com.allinone.commerce.sagas.inventory;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.inventory.StockKeys;
import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The Redis stock gate (DESIGN §5): the live available counter of every SKU and one reservation record per order,
 * changed only by all-or-nothing Lua scripts. It never oversells because a reservation and the counters it touches
 * change in one script.
 *
 * <p>Reservation answers that are about the gate rather than the order ({@link ReservationState#NOT_READY}, and
 * {@link ReservationState#UNAVAILABLE} for any Redis error) come back as values, never as errors, so callers decide
 * to retry without catching.
 */
public class StockGate {

    private static final StockScript RESERVE = StockScript.load("reserve");
    private static final StockScript RELEASE = StockScript.load("release");
    private static final StockScript COMMIT = StockScript.load("commit");
    private static final StockScript RECEIVE = StockScript.load("receive");
    private static final StockScript WITHDRAW = StockScript.load("withdraw");
    private static final StockScript GIVE_BACK = StockScript.load("give-back");
    private static final StockScript COUNTERS = StockScript.load("counters");
    private static final StockScript RESTORE_SKU = StockScript.load("restore-sku");
    private static final StockScript RESTORE_RECORD = StockScript.load("restore-record");

    private final LazyRedisConnection redis;
    private final Clock clock;
    private final String retention;
    private final String shortRetention;
    private final StockReservationMeter reservations;

    /**
     * @param retention      how long a released or committed record is kept: long enough that no retry of its order
     *                       can still come, so Redis does not grow with every order ever placed
     * @param shortRetention how long a SHORT record is kept: a refused order holds nothing and was never stored, so
     *                       only a client's retries within minutes need its answer
     */
    public StockGate(LazyRedisConnection redis, Clock clock, Duration retention, Duration shortRetention) {
        this(redis, clock, retention, shortRetention, StockReservationMeter.none());
    }

    /** @param reservations where every reservation's outcome and latency is metered */
    public StockGate(LazyRedisConnection redis, Clock clock, Duration retention, Duration shortRetention,
                     StockReservationMeter reservations) {
        this.redis = redis;
        this.reservations = reservations;
        this.clock = clock;
        this.retention = String.valueOf(retention.toMillis());
        this.shortRetention = String.valueOf(shortRetention.toMillis());
    }

    /** What a reservation attempt found: the record's state, whether this call took the stock, the short SKUs. */
    public record Reservation(ReservationState state, boolean taken, List<String> shortSkus) {

        /** Redis did not answer (in time): nothing is known about the order's reservation. */
        public static final Reservation UNAVAILABLE = new Reservation(ReservationState.UNAVAILABLE, false, List.of());
    }

    /** Takes every line or nothing, for a caller that does not know the customer: no purchase limit applies. */
    public Mono<Reservation> take(String orderId, List<OrderLine> lines) {
        return take(orderId, null, lines);
    }

    /**
     * Takes every line or nothing (DESIGN §5), and only within each SKU's purchase limit for the customer (a LIMIT
     * answer names the SKUs); gate errors come back as an UNAVAILABLE reservation.
     *
     * @param customerId null when unknown: then no purchase limit applies
     */
    public Mono<Reservation> take(String orderId, String customerId, List<OrderLine> lines) {
        List<String> keys = new ArrayList<>(List.of(StockKeys.ready(), StockKeys.reservation(orderId),
                StockKeys.pending()));
        List<String> args = new ArrayList<>(List.of(orderId, now(), shortRetention,
                customerId == null ? "" : customerId));
        for (OrderLine line : lines) {
            keys.add(StockKeys.available(line.sku()));
            keys.add(StockKeys.ledger(line.sku()));
            keys.add(StockKeys.purchaseLimit(line.sku()));
            keys.add(StockKeys.bought(line.sku()));
            args.add(line.sku());
            args.add(String.valueOf(line.quantity()));
        }
        return reservations.timed(redis.commands()
                .flatMap(r -> RESERVE.<List<Object>>run(r, ScriptOutputType.MULTI, keys.toArray(String[]::new),
                        args.toArray(String[]::new)))
                .map(StockGate::reservation)
                .onErrorReturn(Reservation.UNAVAILABLE));
    }

    public Mono<ReservationState> reserve(String orderId, List<OrderLine> lines) {
        return take(orderId, lines).map(Reservation::state);
    }

    public Mono<ReservationState> reserve(String orderId, String customerId, List<OrderLine> lines) {
        return take(orderId, customerId, lines).map(Reservation::state);
    }

    /** Sets or lifts (null) a SKU's per-customer purchase limit; the next reservation applies it. */
    public Mono<Void> setPurchaseLimit(String sku, Integer perCustomer) {
        return redis.commands().flatMap(r -> perCustomer == null ? r.del(StockKeys.purchaseLimit(sku))
                : r.set(StockKeys.purchaseLimit(sku), String.valueOf(perCustomer))).then();
    }

    private static Reservation reservation(List<Object> answer) {
        List<String> shortSkus = answer.subList(2, answer.size()).stream().map(String::valueOf).toList();
        return new Reservation(ReservationState.valueOf(String.valueOf(answer.get(0))),
                "1".equals(String.valueOf(answer.get(1))), shortSkus);
    }

    public Mono<ReservationState> release(String orderId) {
        return answer(RELEASE, recordKeys(orderId), orderId, now(), StockKeys.PREFIX, retention);
    }

    public Mono<ReservationState> commit(String orderId) {
        return answer(COMMIT, recordKeys(orderId), orderId, now(), StockKeys.PREFIX, retention);
    }

    /**
     * Releases a reservation left without its OrderStockReserved, if it is still pending and reserved before the
     * cutoff. Answers RELEASED when it released, otherwise the reason it kept it (as RESERVED).
     */
    public Mono<ReservationState> sweep(String orderId, Instant cutoff) {
        return call(r -> RELEASE.run(r, recordKeys(orderId), orderId, now(), StockKeys.PREFIX, retention,
                String.valueOf(cutoff.toEpochMilli())))
                .map(answer -> "RELEASED".equals(answer) ? ReservationState.RELEASED : ReservationState.RESERVED);
    }

    /**
     * Applies a StockReceived/StockAdjusted once: true if applied, false if the SKU had already seen this Inventory
     * sequence. Errors (Redis down, counters not built yet) are errors here: the ledger's processor retries the event.
     */
    public Mono<Boolean> receive(String sku, long delta, long sequence) {
        String[] keys = {StockKeys.ready(), StockKeys.available(sku), StockKeys.lastAppliedSequence(sku),
                StockKeys.ledger(sku)};
        return applied(call(r -> RECEIVE.run(r, keys, String.valueOf(delta), String.valueOf(sequence))));
    }

    /**
     * Applies a StockAdjusted that removed units: like {@link #receive}, except that units its withdrawal already
     * took are not taken a second time.
     */
    public Mono<Boolean> adjust(String sku, long delta, long sequence, String adjustmentId) {
        String[] keys = {StockKeys.ready(), StockKeys.available(sku), StockKeys.lastAppliedSequence(sku),
                StockKeys.ledger(sku), StockKeys.withdrawal(sku, adjustmentId), StockKeys.withdrawalsPending()};
        return applied(call(r -> RECEIVE.run(r, keys, String.valueOf(delta), String.valueOf(sequence),
                StockKeys.withdrawalMember(sku, adjustmentId), retention)));
    }

    private static Mono<Boolean> applied(Mono<String> answer) {
        return answer.flatMap(state -> switch (state) {
            case "APPLIED" -> Mono.just(true);
            case "IGNORED" -> Mono.just(false);
            default -> Mono.error(new IllegalStateException("Stock counters are not ready (" + state + ")"));
        });
    }

    // --- withdrawals (stock adjustments that remove units) ---

    /**
     * What a withdrawal found: TAKEN, SHORT, APPLIED, NOT_READY, or UNAVAILABLE when Redis did not answer; and the
     * SKU's available units after it ({@code -1} when unknown).
     */
    public record Withdrawal(String state, long available) {

        public static final Withdrawal UNAVAILABLE = new Withdrawal("UNAVAILABLE", -1);
    }

    /** Takes the units for the adjustment, all or none (withdraw.lua); gate errors come back as UNAVAILABLE. */
    public Mono<Withdrawal> withdraw(String sku, String adjustmentId, int units) {
        return redis.commands()
                .flatMap(r -> WITHDRAW.<List<Object>>run(r, ScriptOutputType.MULTI, withdrawalKeys(sku, adjustmentId),
                        StockKeys.withdrawalMember(sku, adjustmentId), String.valueOf(units), now()))
                .map(answer -> new Withdrawal(String.valueOf(answer.get(0)),
                        Long.parseLong(String.valueOf(answer.get(1)))))
                .onErrorReturn(Withdrawal.UNAVAILABLE);
    }

    /** Gives the withdrawal's units back (RETURNED), or answers the record's state; errors are errors. */
    public Mono<String> giveBack(String sku, String adjustmentId) {
        return call(r -> GIVE_BACK.run(r, withdrawalKeys(sku, adjustmentId),
                StockKeys.withdrawalMember(sku, adjustmentId), now(), retention));
    }

    /** The sweeper's give-back: only a withdrawal still pending since before the cutoff. */
    Mono<String> sweepWithdrawal(String sku, String adjustmentId, Instant cutoff) {
        return call(r -> GIVE_BACK.run(r, withdrawalKeys(sku, adjustmentId),
                StockKeys.withdrawalMember(sku, adjustmentId), now(), retention,
                String.valueOf(cutoff.toEpochMilli())));
    }

    /** Withdrawals (as {@code <sku>:<adjustmentId>}) still waiting for their event since before the cutoff. */
    Mono<List<String>> withdrawalsPendingBefore(Instant cutoff, int limit) {
        return redis.commands().flatMap(r -> r.zrangebyscore(StockKeys.withdrawalsPending(),
                Range.create(Double.NEGATIVE_INFINITY, (double) cutoff.toEpochMilli()), Limit.create(0, limit))
                .collectList());
    }

    /** The withdrawal's StockAdjusted is stored: the ledger will count it, the sweeper must leave it alone. */
    Mono<Void> forgetPendingWithdrawal(String sku, String adjustmentId) {
        return redis.commands().flatMap(r -> r.zrem(StockKeys.withdrawalsPending(),
                StockKeys.withdrawalMember(sku, adjustmentId))).then();
    }

    private static String[] withdrawalKeys(String sku, String adjustmentId) {
        return new String[]{StockKeys.ready(), StockKeys.withdrawal(sku, adjustmentId),
                StockKeys.withdrawalsPending(), StockKeys.available(sku), StockKeys.ledger(sku)};
    }

    /** The order's OrderStockReserved is in the event store: its reservation is no longer the sweeper's business. */
    public Mono<Void> markRecorded(String orderId) {
        return redis.commands().flatMap(r -> r.zrem(StockKeys.pending(), orderId)).then();
    }

    /** Pending reservations made before the cutoff, oldest first. */
    public Mono<List<String>> pendingBefore(Instant cutoff, int limit) {
        return redis.commands().flatMap(r -> r.zrangebyscore(StockKeys.pending(),
                Range.create(Double.NEGATIVE_INFINITY, (double) cutoff.toEpochMilli()), Limit.create(0, limit))
                .collectList());
    }

    /**
     * Whether every line's units may still be there: a glance at the available counters, not a reservation, so the
     * answer can be stale by the time anyone acts on it. When in doubt (Redis down, counters not built) it says yes.
     */
    public Mono<Boolean> mayHave(List<OrderLine> lines) {
        String[] keys = lines.stream().map(line -> StockKeys.available(line.sku())).toArray(String[]::new);
        return redis.commands()
                .flatMap(r -> r.mget(keys).collectList())
                .map(values -> {
                    for (int i = 0; i < lines.size(); i++) {
                        var value = values.get(i);
                        if (value.hasValue() && Long.parseLong(value.getValue()) < lines.get(i).quantity()) {
                            return false;
                        }
                    }
                    return true;
                })
                .onErrorReturn(true)
                .defaultIfEmpty(true);
    }

    public Mono<Boolean> isReady() {
        return redis.commands().flatMap(r -> r.exists(StockKeys.ready())).map(count -> count > 0);
    }

    /** Answers the SKU's live counters, as far as Redis has them. */
    public Mono<SkuCounters> counters(String sku) {
        String[] keys = {StockKeys.available(sku), StockKeys.ledger(sku)};
        return redis.commands().flatMap(r -> COUNTERS.<List<String>>run(r, ScriptOutputType.MULTI, keys))
                .map(values -> new SkuCounters(sku, Long.parseLong(values.get(1)), Long.parseLong(values.get(0)),
                        Long.parseLong(values.get(2)), Long.parseLong(values.get(3))));
    }

    // --- rebuild (StockLedgerKeeper) ---

    Mono<Boolean> tryLockRebuild(String owner, Duration lease) {
        return redis.commands().flatMap(r -> r.set(StockKeys.rebuildLock(), owner,
                SetArgs.Builder.nx().px(lease.toMillis()))).map("OK"::equals).defaultIfEmpty(false);
    }

    Mono<Void> unlockRebuild() {
        return redis.commands().flatMap(r -> r.del(StockKeys.rebuildLock())).then();
    }

    Mono<Boolean> restoreSku(SkuCounters counters, long lastSequence) {
        String sku = counters.sku();
        String[] keys = {StockKeys.available(sku), StockKeys.lastAppliedSequence(sku), StockKeys.ledger(sku)};
        return redis.commands().flatMap(r -> RESTORE_SKU.run(r, keys, String.valueOf(counters.available()),
                String.valueOf(lastSequence), String.valueOf(counters.received()), String.valueOf(counters.held()),
                String.valueOf(counters.committed()))).map("RESTORED"::equals);
    }

    Mono<Boolean> restoreRecord(String orderId, ReservationState state, String customerId, List<OrderLine> lines) {
        List<String> args = new ArrayList<>(List.of(state.name(), now(), retention, StockKeys.PREFIX,
                customerId == null ? "" : customerId));
        for (OrderLine line : lines) {
            args.add(line.sku());
            args.add(String.valueOf(line.quantity()));
        }
        return redis.commands().flatMap(r -> RESTORE_RECORD.run(r, new String[]{StockKeys.reservation(orderId)},
                args.toArray(String[]::new))).map("RESTORED"::equals);
    }

    /** Restores a SKU's purchase limit from the event store, unless Redis has one (a live value is never lost). */
    Mono<Boolean> restorePurchaseLimit(String sku, int perCustomer) {
        return redis.commands().flatMap(r -> r.setnx(StockKeys.purchaseLimit(sku), String.valueOf(perCustomer)));
    }

    Mono<Void> open() {
        return redis.commands().flatMap(r -> r.set(StockKeys.ready(), now())).then();
    }

    // --- plumbing ---

    private Mono<ReservationState> answer(StockScript script, String[] keys, String... args) {
        return call(r -> script.run(r, keys, args)).map(ReservationState::valueOf)
                .onErrorReturn(ReservationState.UNAVAILABLE);
    }

    private Mono<String> call(Function<RedisReactiveCommands<String, String>, Mono<String>> script) {
        return redis.commands().flatMap(script);
    }

    private static String[] recordKeys(String orderId) {
        return new String[]{StockKeys.ready(), StockKeys.reservation(orderId), StockKeys.pending()};
    }

    private String now() {
        return String.valueOf(clock.millis());
    }

}

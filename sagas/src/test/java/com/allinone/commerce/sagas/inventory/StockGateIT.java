package com.allinone.commerce.sagas.inventory;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.inventory.StockKeys;
import com.allinone.commerce.axonconfig.redis.LazyRedisConnection;
import com.allinone.commerce.sagas.support.TestRedis;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;
import static com.allinone.commerce.sagas.support.TestRedis.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** The Lua scripts of DESIGN §5 against a real Redis (the machine's in CI). */
class StockGateIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static LazyRedisConnection redis;
    private static StockGate gate;
    private static RedisCommands<String, String> admin;

    @BeforeAll
    static void connect() {
        redis = TestRedis.redisConnection(TestRedis.url());
        gate = TestRedis.stockGate(redis);
        admin = TestRedis.admin(TestRedis.url());
        // A shared server may already be open (another run's ledger); opening it again changes nothing.
        admin.setnx(StockKeys.ready(), "test");
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void reservesNothingWhenOneLineOfThreeIsShort() {
        String a = stocked(10);
        String b = stocked(1);
        String c = stocked(10);
        String order = unique("order");

        ReservationState answer = gate.reserve(order,
                List.of(new OrderLine(a, 2), new OrderLine(b, 2), new OrderLine(c, 2))).block(WAIT);

        assertThat(answer).isEqualTo(ReservationState.SHORT);
        assertThat(available(a)).isEqualTo(10);
        assertThat(available(b)).isEqualTo(1);
        assertThat(available(c)).isEqualTo(10);
        assertBalanced(a, b, c);
    }

    @Test
    void glancesAtTheCountersWithoutTakingAnything() {
        String a = stocked(3);
        String b = stocked(1);

        assertThat(gate.mayHave(List.of(new OrderLine(a, 3), new OrderLine(b, 1))).block(WAIT)).isTrue();
        assertThat(gate.mayHave(List.of(new OrderLine(a, 3), new OrderLine(b, 2))).block(WAIT)).isFalse();
        // A SKU the gate has never seen may still be received: in doubt, the answer is yes.
        assertThat(gate.mayHave(List.of(new OrderLine(unique("SKU"), 1))).block(WAIT)).isTrue();
        assertThat(available(a)).isEqualTo(3);
        assertThat(available(b)).isEqualTo(1);
    }

    @Test
    void reservesEveryLineAtOnceWhenAllAreThere() {
        String a = stocked(10);
        String b = stocked(3);

        assertThat(gate.reserve(unique("order"), List.of(new OrderLine(a, 2), new OrderLine(b, 3))).block(WAIT))
                .isEqualTo(ReservationState.RESERVED);

        assertThat(available(a)).isEqualTo(8);
        assertThat(available(b)).isZero();
        assertThat(counters(b).held()).isEqualTo(3);
        assertBalanced(a, b);
    }

    @Test
    void repeatedReserveReleaseAndCommitMoveStockOnce() {
        String sku = stocked(10);
        String released = unique("order");
        String committed = unique("order");

        for (int i = 0; i < 3; i++) {
            assertThat(gate.reserve(released, List.of(new OrderLine(sku, 2))).block(WAIT))
                    .isEqualTo(ReservationState.RESERVED);
            assertThat(gate.reserve(committed, List.of(new OrderLine(sku, 3))).block(WAIT))
                    .isEqualTo(ReservationState.RESERVED);
        }
        assertThat(available(sku)).isEqualTo(5);

        for (int i = 0; i < 3; i++) {
            assertThat(gate.release(released).block(WAIT)).isEqualTo(ReservationState.RELEASED);
            assertThat(gate.commit(committed).block(WAIT)).isEqualTo(ReservationState.COMMITTED);
        }

        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 10, 7, 0, 3));
    }

    @Test
    void aReserveAfterReleaseAnswersReleasedAndTakesNothing() {
        String sku = stocked(5);
        String cancelledEarly = unique("order");

        assertThat(gate.release(cancelledEarly).block(WAIT)).isEqualTo(ReservationState.RELEASED);
        assertThat(gate.reserve(cancelledEarly, List.of(new OrderLine(sku, 1))).block(WAIT))
                .isEqualTo(ReservationState.RELEASED);

        assertThat(available(sku)).isEqualTo(5);
        assertBalanced(sku);
    }

    @Test
    void commitIsRefusedAfterRelease() {
        String sku = stocked(5);
        String order = unique("order");
        gate.reserve(order, List.of(new OrderLine(sku, 2))).block(WAIT);
        gate.release(order).block(WAIT);

        assertThat(gate.commit(order).block(WAIT)).isEqualTo(ReservationState.RELEASED);
        assertThat(gate.commit(unique("order")).block(WAIT)).isEqualTo(ReservationState.MISSING);
        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 5, 5, 0, 0));
    }

    @Test
    void aShortOrderStaysShortWhenRetriedAfterStockArrives() {
        String sku = stocked(1);
        String order = unique("order");

        assertThat(gate.reserve(order, List.of(new OrderLine(sku, 2))).block(WAIT)).isEqualTo(ReservationState.SHORT);
        gate.receive(sku, 10, 1).block(WAIT);

        assertThat(gate.reserve(order, List.of(new OrderLine(sku, 2))).block(WAIT)).isEqualTo(ReservationState.SHORT);
        assertThat(available(sku)).isEqualTo(11);
    }

    @Test
    void settledRecordsExpireAfterTheRetentionWhileAReservationIsKept() {
        String sku = stocked(10);
        String reserved = unique("order");
        String released = unique("order");
        String committed = unique("order");
        String shortOrder = unique("order");
        gate.reserve(reserved, List.of(new OrderLine(sku, 1))).block(WAIT);
        gate.reserve(released, List.of(new OrderLine(sku, 1))).block(WAIT);
        gate.release(released).block(WAIT);
        gate.reserve(committed, List.of(new OrderLine(sku, 1))).block(WAIT);
        gate.commit(committed).block(WAIT);
        gate.reserve(shortOrder, List.of(new OrderLine(sku, 100))).block(WAIT);

        assertThat(admin.pttl(StockKeys.reservation(reserved))).as("held stock never expires").isEqualTo(-1);
        for (String settled : List.of(released, committed, shortOrder)) {
            assertThat(admin.pttl(StockKeys.reservation(settled))).as("record of %s", settled)
                    .isPositive().isLessThanOrEqualTo(TestRedis.RETENTION.toMillis());
        }
    }

    @Test
    void onlyTheFirstReserveTakesTheStockAndARetryAnswersTheSameRecord() {
        String sku = stocked(10);
        String order = unique("order");
        List<OrderLine> lines = List.of(new OrderLine(sku, 4));

        assertThat(gate.take(order, lines).block(WAIT))
                .isEqualTo(new StockGate.Reservation(ReservationState.RESERVED, true, List.of()));
        assertThat(gate.take(order, lines).block(WAIT)).as("a retry of the same order")
                .isEqualTo(new StockGate.Reservation(ReservationState.RESERVED, false, List.of()));
        assertThat(gate.reserve(order, lines).block(WAIT)).isEqualTo(ReservationState.RESERVED);

        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 10, 6, 4, 0));
    }

    @Test
    void aCustomerTakesNoMoreThanTheLimitWhileOthersStillBuy() {
        String limited = stocked(10);
        String free = stocked(10);
        gate.setPurchaseLimit(limited, 2).block(WAIT);
        String greedy = unique("customer");

        assertThat(gate.reserve(unique("order"), greedy, List.of(new OrderLine(limited, 2))).block(WAIT))
                .isEqualTo(ReservationState.RESERVED);
        String overTheLimit = unique("order");
        StockGate.Reservation refused = gate.take(overTheLimit, greedy,
                List.of(new OrderLine(limited, 1), new OrderLine(free, 1))).block(WAIT);
        assertThat(refused).isEqualTo(new StockGate.Reservation(ReservationState.LIMIT, false, List.of(limited)));
        assertThat(gate.take(overTheLimit, greedy, List.of(new OrderLine(limited, 1), new OrderLine(free, 1)))
                .block(WAIT)).as("a retry answers the same").isEqualTo(refused);
        // Nothing of the refused order was taken, not even the line without a limit.
        assertThat(available(limited)).isEqualTo(8);
        assertThat(available(free)).isEqualTo(10);

        // Another customer is not held back by the first one's purchases, nor is the same customer without a limit.
        assertThat(gate.reserve(unique("order"), unique("customer"), List.of(new OrderLine(limited, 2)))
                .block(WAIT)).isEqualTo(ReservationState.RESERVED);
        assertThat(gate.reserve(unique("order"), greedy, List.of(new OrderLine(free, 5))).block(WAIT))
                .isEqualTo(ReservationState.RESERVED);
        assertBalanced(limited, free);
    }

    @Test
    void aReleasedOrderGivesItsUnitsBackToTheLimitACommittedOneDoesNot() {
        String sku = stocked(10);
        gate.setPurchaseLimit(sku, 2).block(WAIT);
        String customer = unique("customer");
        String cancelled = unique("order");
        String shipped = unique("order");

        gate.reserve(cancelled, customer, List.of(new OrderLine(sku, 2))).block(WAIT);
        gate.release(cancelled).block(WAIT);
        assertThat(gate.reserve(shipped, customer, List.of(new OrderLine(sku, 2))).block(WAIT))
                .isEqualTo(ReservationState.RESERVED);
        gate.commit(shipped).block(WAIT);

        assertThat(gate.reserve(unique("order"), customer, List.of(new OrderLine(sku, 1))).block(WAIT))
                .isEqualTo(ReservationState.LIMIT);
        // Lifting the limit lets the customer buy again.
        gate.setPurchaseLimit(sku, null).block(WAIT);
        assertThat(gate.reserve(unique("order"), customer, List.of(new OrderLine(sku, 1))).block(WAIT))
                .isEqualTo(ReservationState.RESERVED);
        assertBalanced(sku);
    }

    @Test
    void anOrderOfUnknownCustomerIsHeldToNoLimit() {
        String sku = stocked(10);
        gate.setPurchaseLimit(sku, 1).block(WAIT);

        assertThat(gate.reserve(unique("order"), List.of(new OrderLine(sku, 3))).block(WAIT))
                .isEqualTo(ReservationState.RESERVED);
    }

    @Test
    void aShortOrderNamesEveryShortSkuAndARetryNamesThemAgain() {
        String enough = stocked(10);
        String tooFew = stocked(1);
        String neverReceived = unique("SKU");
        String order = unique("order");
        List<OrderLine> lines = List.of(new OrderLine(enough, 2), new OrderLine(tooFew, 2),
                new OrderLine(neverReceived, 1));

        StockGate.Reservation first = gate.take(order, lines).block(WAIT);
        assertThat(first.state()).isEqualTo(ReservationState.SHORT);
        assertThat(first.shortSkus()).containsExactly(tooFew, neverReceived);

        gate.receive(tooFew, 10, 1).block(WAIT);
        gate.receive(neverReceived, 10, 0).block(WAIT);
        assertThat(gate.take(order, lines).block(WAIT)).as("a retry, even after the stock arrived")
                .isEqualTo(new StockGate.Reservation(ReservationState.SHORT, false, List.of(tooFew, neverReceived)));

        assertThat(available(enough)).isEqualTo(10);
        assertThat(available(tooFew)).isEqualTo(11);
        assertThat(available(neverReceived)).isEqualTo(10);
        assertBalanced(enough, tooFew, neverReceived);
    }

    @Test
    void aShortRecordExpiresWithinTheShortRetentionWhileReleasedAndCommittedOnesKeepTheLongOne() {
        String sku = stocked(10);
        String released = unique("order");
        String committed = unique("order");
        String shortOrder = unique("order");
        gate.reserve(released, List.of(new OrderLine(sku, 1))).block(WAIT);
        gate.release(released).block(WAIT);
        gate.reserve(committed, List.of(new OrderLine(sku, 1))).block(WAIT);
        gate.commit(committed).block(WAIT);
        gate.reserve(shortOrder, List.of(new OrderLine(sku, 100))).block(WAIT);

        assertThat(admin.pttl(StockKeys.reservation(shortOrder))).as("record of the short order")
                .isPositive().isLessThanOrEqualTo(TestRedis.SHORT_RETENTION.toMillis());
        for (String settled : List.of(released, committed)) {
            assertThat(admin.pttl(StockKeys.reservation(settled))).as("record of %s", settled)
                    .isGreaterThan(TestRedis.SHORT_RETENTION.toMillis())
                    .isLessThanOrEqualTo(TestRedis.RETENTION.toMillis());
        }
    }

    @Test
    void receiveIgnoresASequenceItAlreadyApplied() {
        String sku = unique("SKU");

        assertThat(gate.receive(sku, 10, 0).block(WAIT)).isTrue();
        assertThat(gate.receive(sku, -3, 1).block(WAIT)).isTrue();
        assertThat(gate.receive(sku, 10, 1).block(WAIT)).isFalse();
        assertThat(gate.receive(sku, 10, 0).block(WAIT)).isFalse();

        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 7, 7, 0, 0));
    }

    @Test
    void recoversWhenRedisForgotTheScripts() {
        String sku = stocked(4);
        admin.scriptFlush();

        assertThat(gate.reserve(unique("order"), List.of(new OrderLine(sku, 4))).block(WAIT))
                .isEqualTo(ReservationState.RESERVED);
        admin.scriptFlush();
        assertThat(gate.receive(sku, 1, 1).block(WAIT)).isTrue();

        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 5, 1, 4, 0));
    }

    @Test
    void sweepsOnlyOverdueReservationsThatNeverGotTheirEvent() {
        String sku = stocked(10);
        String orphan = unique("order");
        String recorded = unique("order");
        gate.reserve(orphan, List.of(new OrderLine(sku, 2))).block(WAIT);
        gate.reserve(recorded, List.of(new OrderLine(sku, 3))).block(WAIT);
        gate.markRecorded(recorded).block(WAIT);
        Instant later = Instant.now().plusSeconds(1);

        assertThat(gate.pendingBefore(later, 1000).block(WAIT)).contains(orphan).doesNotContain(recorded);
        assertThat(gate.sweep(orphan, Instant.now().minusSeconds(60)).block(WAIT))
                .as("too young to sweep").isEqualTo(ReservationState.RESERVED);
        assertThat(gate.sweep(recorded, later).block(WAIT)).isEqualTo(ReservationState.RESERVED);
        assertThat(gate.sweep(orphan, later).block(WAIT)).isEqualTo(ReservationState.RELEASED);

        assertThat(gate.reserve(orphan, List.of(new OrderLine(sku, 2))).block(WAIT))
                .as("the saga's own retry after the sweep").isEqualTo(ReservationState.RELEASED);
        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 10, 7, 3, 0));
    }

    @Test
    void everyScriptWaitsUntilTheLedgerHasBuiltTheCounters() throws Exception {
        RedisServer server = TestRedis.privateServer();
        String url = "redis://127.0.0.1:" + server.ports().get(0);
        try (LazyRedisConnection fresh = TestRedis.redisConnection(url)) {
            StockGate empty = TestRedis.stockGate(fresh);
            String sku = unique("SKU");
            String order = unique("order");

            assertThat(empty.reserve(order, List.of(new OrderLine(sku, 1))).block(WAIT))
                    .isEqualTo(ReservationState.NOT_READY);
            assertThat(empty.release(order).block(WAIT)).isEqualTo(ReservationState.NOT_READY);
            assertThat(empty.commit(order).block(WAIT)).isEqualTo(ReservationState.NOT_READY);
            assertThat(empty.isReady().block(WAIT)).isFalse();

            empty.open().block(WAIT);
            assertThat(empty.reserve(order, List.of(new OrderLine(sku, 1))).block(WAIT))
                    .as("open, but nothing received").isEqualTo(ReservationState.SHORT);
        } finally {
            TestRedis.stopQuietly(server);
        }
    }

    @Test
    void answersUnavailableInsteadOfFailingWhenRedisIsDown() {
        RedisServer server = TestRedis.privateServer();
        String url = "redis://127.0.0.1:" + server.ports().get(0);
        TestRedis.stopQuietly(server);
        try (LazyRedisConnection down = TestRedis.redisConnection(url)) {
            StockGate gateDown = TestRedis.stockGate(down);

            assertThat(gateDown.reserve(unique("order"), List.of(new OrderLine("SKU-1", 1))).block(WAIT))
                    .isEqualTo(ReservationState.UNAVAILABLE);
            assertThat(gateDown.release(unique("order")).block(WAIT)).isEqualTo(ReservationState.UNAVAILABLE);
            assertThat(gateDown.take(unique("order"), List.of(new OrderLine("SKU-1", 1))).block(WAIT))
                    .isEqualTo(new StockGate.Reservation(ReservationState.UNAVAILABLE, false, List.of()));
        }
    }

    // --- withdrawals: stock adjustments that remove units ---

    @Test
    void aWithdrawalNeverTakesUnitsThatOrdersHold() {
        String sku = stocked(10);
        gate.reserve(unique("order"), List.of(new OrderLine(sku, 10))).block(WAIT);

        assertThat(gate.withdraw(sku, unique("adj"), 10).block(WAIT))
                .isEqualTo(new StockGate.Withdrawal("SHORT", 0));
        assertThat(gate.withdraw(sku, unique("adj"), 1).block(WAIT).state()).isEqualTo("SHORT");

        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 10, 0, 10, 0));
    }

    @Test
    void aWithdrawalTakesAvailableUnitsAllOrNone() {
        String sku = stocked(10);
        gate.reserve(unique("order"), List.of(new OrderLine(sku, 4))).block(WAIT);

        assertThat(gate.withdraw(sku, unique("adj"), 7).block(WAIT)).isEqualTo(new StockGate.Withdrawal("SHORT", 6));
        assertThat(gate.withdraw(sku, unique("adj"), 6).block(WAIT)).isEqualTo(new StockGate.Withdrawal("TAKEN", 0));

        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 4, 0, 4, 0));
        assertThat(gate.reserve(unique("order"), List.of(new OrderLine(sku, 1))).block(WAIT))
                .as("an order after the count").isEqualTo(ReservationState.SHORT);
    }

    @Test
    void aRetriedWithdrawalTakesItsUnitsOnce() {
        String sku = stocked(10);
        String adjustment = unique("adj");

        for (int i = 0; i < 3; i++) {
            assertThat(gate.withdraw(sku, adjustment, 3).block(WAIT).state()).isEqualTo("TAKEN");
        }
        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 7, 7, 0, 0));
        // A retry asking for another count takes or gives back only the difference.
        assertThat(gate.withdraw(sku, adjustment, 5).block(WAIT)).isEqualTo(new StockGate.Withdrawal("TAKEN", 5));
        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 5, 5, 0, 0));
    }

    @Test
    void itsStockAdjustedDoesNotTakeTheUnitsASecondTime() {
        String sku = stocked(10);
        String adjustment = unique("adj");
        gate.withdraw(sku, adjustment, 4).block(WAIT);

        assertThat(gate.adjust(sku, -4, 1, adjustment).block(WAIT)).isTrue();
        assertThat(gate.adjust(sku, -4, 1, adjustment).block(WAIT)).as("redelivered").isFalse();
        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 6, 6, 0, 0));
        assertThat(admin.hget(StockKeys.withdrawal(sku, adjustment), "state")).isEqualTo("APPLIED");
        assertThat(admin.pttl(StockKeys.withdrawal(sku, adjustment))).as("a counted withdrawal expires")
                .isPositive().isLessThanOrEqualTo(TestRedis.RETENTION.toMillis());
        assertThat(gate.withdraw(sku, adjustment, 4).block(WAIT).state()).as("a retry after it was counted")
                .isEqualTo("APPLIED");
        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 6, 6, 0, 0));
    }

    @Test
    void anAdjustmentWithoutAWithdrawalIsCountedWhenItArrives() {
        // Stored before withdrawals existed, or its Redis record was lost with Redis: the event counts.
        String sku = stocked(10);

        assertThat(gate.adjust(sku, -4, 1, unique("adj")).block(WAIT)).isTrue();

        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 6, 6, 0, 0));
    }

    @Test
    void aWithdrawalNotStoredGivesItsUnitsBackOnceAndItsLateEventStillCounts() {
        String sku = stocked(10);
        String adjustment = unique("adj");
        gate.withdraw(sku, adjustment, 4).block(WAIT);

        assertThat(gate.giveBack(sku, adjustment).block(WAIT)).isEqualTo("RETURNED");
        assertThat(gate.giveBack(sku, adjustment).block(WAIT)).isEqualTo("RETURNED");
        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 10, 10, 0, 0));
        assertThat(gate.giveBack(sku, unique("adj")).block(WAIT)).isEqualTo("MISSING");

        // Given back, yet stored after all (a sweep racing a slow store): the event takes the units itself.
        assertThat(gate.adjust(sku, -4, 1, adjustment).block(WAIT)).isTrue();
        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 6, 6, 0, 0));
    }

    @Test
    void aShortRetryGivesBackWhatItsEarlierAttemptTook() {
        String sku = stocked(10);
        String adjustment = unique("adj");
        gate.withdraw(sku, adjustment, 4).block(WAIT);
        gate.reserve(unique("order"), List.of(new OrderLine(sku, 6))).block(WAIT);

        assertThat(gate.withdraw(sku, adjustment, 5).block(WAIT)).isEqualTo(new StockGate.Withdrawal("SHORT", 4));

        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 10, 4, 6, 0));
        assertThat(gate.withdraw(sku, adjustment, 4).block(WAIT)).as("retried with what is there")
                .isEqualTo(new StockGate.Withdrawal("TAKEN", 0));
    }

    @Test
    void aTakenWithdrawalIsKeptUntilItIsCountedOrGivenBack() {
        String sku = stocked(10);
        String adjustment = unique("adj");
        gate.withdraw(sku, adjustment, 4).block(WAIT);

        assertThat(admin.pttl(StockKeys.withdrawal(sku, adjustment))).isEqualTo(-1);
        assertThat(gate.withdrawalsPendingBefore(Instant.now().plusSeconds(1), 10_000).block(WAIT))
                .contains(StockKeys.withdrawalMember(sku, adjustment));
    }

    @Test
    void sweepsOnlyOverdueWithdrawals() {
        String sku = stocked(10);
        String orphan = unique("adj");
        String stored = unique("adj");
        gate.withdraw(sku, orphan, 2).block(WAIT);
        gate.withdraw(sku, stored, 3).block(WAIT);
        gate.forgetPendingWithdrawal(sku, stored).block(WAIT);
        Instant later = Instant.now().plusSeconds(1);

        assertThat(gate.withdrawalsPendingBefore(later, 10_000).block(WAIT))
                .contains(StockKeys.withdrawalMember(sku, orphan))
                .doesNotContain(StockKeys.withdrawalMember(sku, stored));
        assertThat(gate.sweepWithdrawal(sku, orphan, Instant.now().minusSeconds(60)).block(WAIT))
                .as("too young to sweep").isEqualTo("KEPT");
        assertThat(gate.sweepWithdrawal(sku, stored, later).block(WAIT)).isEqualTo("KEPT");
        assertThat(gate.sweepWithdrawal(sku, orphan, later).block(WAIT)).isEqualTo("RETURNED");

        assertThat(counters(sku)).isEqualTo(new SkuCounters(sku, 7, 7, 0, 0));
    }

    @Test
    void withdrawalsWaitUntilTheLedgerHasBuiltTheCountersAndAnswerUnavailableWhenRedisIsDown() {
        RedisServer server = TestRedis.privateServer();
        String url = "redis://127.0.0.1:" + server.ports().get(0);
        try (LazyRedisConnection fresh = TestRedis.redisConnection(url)) {
            StockGate empty = TestRedis.stockGate(fresh);
            assertThat(empty.withdraw(unique("SKU"), unique("adj"), 1).block(WAIT).state()).isEqualTo("NOT_READY");
            TestRedis.stopQuietly(server);
            assertThat(empty.withdraw(unique("SKU"), unique("adj"), 1).block(WAIT))
                    .isEqualTo(StockGate.Withdrawal.UNAVAILABLE);
        } finally {
            TestRedis.stopQuietly(server);
        }
    }

    // --- helpers ---

    private static String stocked(int units) {
        String sku = unique("SKU");
        assertThat(gate.receive(sku, units, 0).block(WAIT)).isTrue();
        return sku;
    }

    private static long available(String sku) {
        return counters(sku).available();
    }

    private static SkuCounters counters(String sku) {
        return gate.counters(sku).block(WAIT);
    }

    private static void assertBalanced(String... skus) {
        for (String sku : skus) {
            assertThat(counters(sku).balances()).as("received = available + held + committed for %s", sku).isTrue();
        }
    }
}

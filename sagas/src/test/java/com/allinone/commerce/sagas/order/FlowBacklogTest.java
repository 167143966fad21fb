package com.allinone.commerce.sagas.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.allinone.commerce.api.common.OrderLine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowBacklogTest {

    private static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 1));

    /** The backlog the probe reports; each report moves the slowest segment on, as working flows do. */
    private final AtomicLong measured = new AtomicLong();
    private final AtomicLong progress = new AtomicLong();
    private final AtomicBoolean moving = new AtomicBoolean(true);
    private final AtomicBoolean stockInSight = new AtomicBoolean(true);
    private FlowBacklog backlog;

    private FlowBacklog.Position probe() {
        if (measured.get() == FlowBacklog.UNKNOWN) {
            return null;
        }
        long slowest = moving.get() ? progress.incrementAndGet() : progress.get();
        return new FlowBacklog.Position(slowest + measured.get(), slowest);
    }

    private FlowBacklog start(long maxBacklog, Duration maxWait) {
        return start(maxBacklog, maxWait, Duration.ofMinutes(1));
    }

    private FlowBacklog start(long maxBacklog, Duration maxWait, Duration stallAfter) {
        backlog = new FlowBacklog(this::probe, lines -> CompletableFuture.completedFuture(stockInSight.get()),
                maxBacklog, maxWait, Duration.ofMillis(10), stallAfter);
        backlog.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> backlog.backlog() == measured.get());
        return backlog;
    }

    @AfterEach
    void stop() {
        backlog.stop();
    }

    @Test
    void letsOrdersInAtOnceWhileTheFlowsAreWithinTheirBound() {
        measured.set(100);
        start(100, Duration.ofSeconds(10));

        assertThat(backlog.awaitRoom(LINES)).isCompletedWithValue(true);
    }

    @Test
    void holdsOrdersWhileTheFlowsAreBehindAndLetsThemInOnceTheyCatchUp() {
        measured.set(5_000);
        start(100, Duration.ofSeconds(30));

        CompletableFuture<Boolean> room = backlog.awaitRoom(LINES);
        assertThat(room).isNotDone();

        measured.set(80);
        await().atMost(Duration.ofSeconds(5)).until(room::isDone);
        assertThat(room).isCompletedWithValue(true);
    }

    @Test
    void answersNoRoomWhenTheFlowsStayBehindForTheWholeWait() {
        measured.set(5_000);
        start(100, Duration.ofMillis(200));

        CompletableFuture<Boolean> room = backlog.awaitRoom(LINES);

        await().atMost(Duration.ofSeconds(5)).until(room::isDone);
        assertThat(room).isCompletedWithValue(false);
    }

    @Test
    void neverHoldsOrdersWhenTheBacklogCannotBeMeasured() {
        measured.set(FlowBacklog.UNKNOWN);
        start(100, Duration.ofSeconds(30));

        assertThat(backlog.awaitRoom(LINES)).isCompletedWithValue(true);
    }

    @Test
    void letsWaitingOrdersInWhenStopped() {
        measured.set(5_000);
        start(100, Duration.ofSeconds(30));
        CompletableFuture<Boolean> room = backlog.awaitRoom(LINES);

        backlog.stop();

        assertThat(room).isCompletedWithValue(true);
    }

    @Test
    void neverHoldsAnOrderWhoseStockIsGone() {
        measured.set(5_000);
        stockInSight.set(false);
        start(100, Duration.ofSeconds(30));

        assertThat(backlog.awaitRoom(LINES)).isCompletedWithValue(true);
    }

    @Test
    void letsOrdersInWhenTheFlowsHaveNotMovedForTheStallTimeAndPacesThemAgainOnceTheyMove() {
        measured.set(5_000);
        moving.set(false);
        start(100, Duration.ofSeconds(30), Duration.ofMillis(300));

        // Stuck flows: after the stall time nothing holds orders back, waiting ones included.
        await().atMost(Duration.ofSeconds(5)).until(() -> backlog.awaitRoom(LINES).isDone());
        assertThat(backlog.awaitRoom(LINES)).isCompletedWithValue(true);

        moving.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> !backlog.awaitRoom(LINES).isDone());
    }

    @Test
    void aBoundOfZeroNeverHoldsOrders() {
        measured.set(5_000);
        start(0, Duration.ofSeconds(30));

        assertThat(backlog.awaitRoom(LINES)).isCompletedWithValue(true);
    }
}

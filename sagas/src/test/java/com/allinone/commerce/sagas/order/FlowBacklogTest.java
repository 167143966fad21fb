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

    private final AtomicLong measured = new AtomicLong();
    private final AtomicBoolean stockInSight = new AtomicBoolean(true);
    private FlowBacklog backlog;

    private FlowBacklog start(long maxBacklog, Duration maxWait) {
        backlog = new FlowBacklog(measured::get, lines -> CompletableFuture.completedFuture(stockInSight.get()),
                maxBacklog, maxWait, Duration.ofMillis(10));
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
    void aBoundOfZeroNeverHoldsOrders() {
        measured.set(5_000);
        start(0, Duration.ofSeconds(30));

        assertThat(backlog.awaitRoom(LINES)).isCompletedWithValue(true);
    }
}

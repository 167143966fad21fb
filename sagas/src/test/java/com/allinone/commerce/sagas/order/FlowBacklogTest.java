package com.allinone.commerce.sagas.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowBacklogTest {

    private final AtomicLong measured = new AtomicLong();
    private FlowBacklog backlog;

    private FlowBacklog start(long maxBacklog, Duration maxWait) {
        backlog = new FlowBacklog(measured::get, maxBacklog, maxWait, Duration.ofMillis(10));
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

        assertThat(backlog.awaitRoom()).isCompletedWithValue(true);
    }

    @Test
    void holdsOrdersWhileTheFlowsAreBehindAndLetsThemInOnceTheyCatchUp() {
        measured.set(5_000);
        start(100, Duration.ofSeconds(30));

        CompletableFuture<Boolean> room = backlog.awaitRoom();
        assertThat(room).isNotDone();

        measured.set(80);
        await().atMost(Duration.ofSeconds(5)).until(room::isDone);
        assertThat(room).isCompletedWithValue(true);
    }

    @Test
    void answersNoRoomWhenTheFlowsStayBehindForTheWholeWait() {
        measured.set(5_000);
        start(100, Duration.ofMillis(200));

        CompletableFuture<Boolean> room = backlog.awaitRoom();

        await().atMost(Duration.ofSeconds(5)).until(room::isDone);
        assertThat(room).isCompletedWithValue(false);
    }

    @Test
    void neverHoldsOrdersWhenTheBacklogCannotBeMeasured() {
        measured.set(FlowBacklog.UNKNOWN);
        start(100, Duration.ofSeconds(30));

        assertThat(backlog.awaitRoom()).isCompletedWithValue(true);
    }

    @Test
    void letsWaitingOrdersInWhenStopped() {
        measured.set(5_000);
        start(100, Duration.ofSeconds(30));
        CompletableFuture<Boolean> room = backlog.awaitRoom();

        backlog.stop();

        assertThat(room).isCompletedWithValue(true);
    }

    @Test
    void aBoundOfZeroNeverHoldsOrders() {
        measured.set(5_000);
        start(0, Duration.ofSeconds(30));

        assertThat(backlog.awaitRoom()).isCompletedWithValue(true);
    }
}

package com.allinone.commerce.axonconfig.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class UninterruptibleWorkTest {

    private final ExecutorService pool = UninterruptibleWork.pool("test-work", 2);
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean interrupted = new AtomicBoolean();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void cancellingAStartedTaskLetsItRunToItsEndUninterrupted() throws InterruptedException {
        Disposable subscription = Mono.fromCallable(this::blockingWork)
                .subscribeOn(UninterruptibleWork.scheduler(pool))
                .subscribe();

        assertCancellingMidWorkInterruptsNothing(subscription);
    }

    @Test
    void cancellingAStreamMidReadLetsTheReadRunToItsEndUninterrupted() throws InterruptedException {
        Disposable subscription = Flux.range(0, 3).map(n -> blockingWork())
                .subscribeOn(UninterruptibleWork.scheduler(pool))
                .subscribe();

        assertCancellingMidWorkInterruptsNothing(subscription);
    }

    /** Cancels from this thread, as a client hanging up does from an event loop, while the work is blocked. */
    private void assertCancellingMidWorkInterruptsNothing(Disposable subscription) throws InterruptedException {
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        subscription.dispose();
        release.countDown();

        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).as("the worker was interrupted").isFalse();
        assertThat(Mono.fromCallable(() -> Thread.currentThread().isInterrupted())
                .subscribeOn(UninterruptibleWork.scheduler(pool)).block(Duration.ofSeconds(10)))
                .as("a later task on the pool finds the interrupt flag set").isFalse();
    }

    /** Stands for a JDBC call: blocked until released, and it notices an interruption. */
    private int blockingWork() {
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            interrupted.set(true);
        } finally {
            finished.countDown();
        }
        return 1;
    }
}

package com.allinone.commerce.axonconfig.work;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Threads for blocking work (JDBC, file I/O) that nobody can interrupt. Reactor's {@code boundedElastic} cancels a
 * running task by interrupting its thread, so a client that hangs up mid-request interrupts whatever JDBC or file I/O
 * the thread is in; H2 answers that by closing its file for the whole process. A scheduler over a plain
 * {@link java.util.concurrent.Executor} never interrupts: a cancelled task that already started runs to its end.
 */
public final class UninterruptibleWork {

    private UninterruptibleWork() {
    }

    /** A fixed pool of daemon threads named {@code name-N}, queueing what it cannot start yet. */
    public static ExecutorService pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    }

    /**
     * One daemon thread named {@code name} that runs {@code task} at once and again {@code every} after each run ends:
     * for background samplers whose task does JDBC or file I/O. Stop it with {@link ScheduledExecutorService#shutdown()},
     * never {@code shutdownNow}, which interrupts a run in progress.
     */
    public static ScheduledExecutorService repeating(String name, Duration every, Runnable task) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread worker = new Thread(runnable, name);
            worker.setDaemon(true);
            return worker;
        });
        thread.scheduleWithFixedDelay(task, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return thread;
    }

    /**
     * A Reactor scheduler over the pool: disposing a started task never interrupts it. The pool is handed over as a
     * plain {@link java.util.concurrent.Executor} on purpose: given an {@link ExecutorService}, Reactor's
     * {@code fromExecutor} switches to {@code fromExecutorService}, whose tasks are futures cancelled with
     * {@code cancel(true)}, which interrupts. Trampolining keeps each worker's tasks in order, one at a time, as
     * Reactor's workers promise.
     */
    public static Scheduler scheduler(ExecutorService pool) {
        return Schedulers.fromExecutor(pool::execute, true);
    }
}

package com.allinone.commerce.readmodels.verify;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole event store once, up to its head when the read started, into an {@link OrderFold}. Blocking (JDBC
 * or Axon Server): run it on a thread nothing interrupts, never on an event loop.
 */
final class OrderHistory {

    /** The fold, and the head it stopped at (empty for an empty store). */
    record Folded(OrderFold fold, OptionalLong head) {
    }

    /** The check was given up (its caller went away) before the fold ended. */
    static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("read-model check abandoned", null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OrderHistory.class);
    private static final long PROGRESS_EVERY = 100_000;

    private final EventStore eventStore;

    OrderHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The store's head now, as a position, or empty for an empty store. */
    OptionalLong head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? OptionalLong.empty() : head.position();
    }

    /** @param abandoned asked between events: true stops the read with {@link Abandoned} */
    Folded fold(BooleanSupplier abandoned) {
        OrderFold fold = new OrderFold();
        TrackingToken head = eventStore.createHeadToken();
        if (head == null) {
            return new Folded(fold, OptionalLong.empty());
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                if (abandoned.getAsBoolean()) {
                    throw new Abandoned();
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                fold.apply(event);
                if (fold.eventsRead() % PROGRESS_EVERY == 0) {
                    log.info("Read-model check: read {} events, {} orders", fold.eventsRead(), fold.orders());
                }
                if (reached(event.trackingToken(), head)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the event store", e);
        }
        return new Folded(fold, head.position());
    }

    /**
     * Whether the fold has read up to the head it set out for. By position, not only by {@code covers}: a JDBC
     * store's token keeps the gaps a rolled-back insert left below the head, so under a steady flow of orders a token
     * may never cover the head and the fold would read new events forever (measured: a rebuild's check never ended).
     * An event committed late into such a gap is reported as lagging or ahead, never as a mismatch.
     */
    private static boolean reached(TrackingToken token, TrackingToken head) {
        if (token.covers(head)) {
            return true;
        }
        OptionalLong at = token.position();
        OptionalLong until = head.position();
        return at.isPresent() && until.isPresent() && at.getAsLong() >= until.getAsLong();
    }
}

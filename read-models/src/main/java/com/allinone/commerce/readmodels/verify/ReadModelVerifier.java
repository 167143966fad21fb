package com.allinone.commerce.readmodels.verify;

import static com.allinone.commerce.readmodels.verify.OrderDocumentCheck.LINES;
import static com.allinone.commerce.readmodels.verify.OrderDocumentCheck.SEQ_ORDER;
import static com.allinone.commerce.readmodels.verify.OrderDocumentCheck.STATUS;
import static com.allinone.commerce.readmodels.verify.OrderDocumentCheck.TOTAL;

import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.readmodels.common.Documents;
import com.allinone.commerce.readmodels.verify.ReadModelReport.StatusCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Proves a {@code my_orders}-shaped collection (and the admin figures derived from it) against the event store
 * (issue 10): folds every order from one pass over the store ({@link OrderFold}), then reads the documents by
 * {@code _id $in} in chunks of {@value #CHUNK}, the only reads the embedded MongoDB serves from an index, and names
 * every document that differs.
 *
 * <p>A document is judged by the last Order event it applied ({@code seq.order}): below the fold's it lags (the
 * projector has not caught up; reported, not an error); above it, it moved on during the check (or, if the store has
 * no such event, it is wrong); at it, every compared field must equal the fold. A missing document lags while the projector has not reached its order's first event,
 * and is missing once it has. Status counts are compared with {@code admin_stats} recomputed at the start.
 *
 * <p>The work blocks (JDBC, MongoDB reads awaited), so it runs on the given worker, one thread that nothing
 * interrupts ({@code UninterruptibleWork}): an interrupt inside H2's file I/O would close the database for the whole
 * process. One thread also means one check at a time, so at most one fold's memory.
 */
public class ReadModelVerifier {

    static final int CHUNK = 500;
    private static final Duration MONGO_TIMEOUT = Duration.ofMinutes(2);

    private final EventStore eventStore;
    private final OrderHistory history;
    private final ReactiveMongoTemplate mongo;
    private final Scheduler worker;
    private final Clock clock;

    /** @param worker a scheduler that never interrupts its threads (UninterruptibleWork), ideally of one thread */
    public ReadModelVerifier(EventStore eventStore, ReactiveMongoTemplate mongo, Scheduler worker, Clock clock) {
        this.eventStore = eventStore;
        this.history = new OrderHistory(eventStore);
        this.mongo = mongo;
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * Checks the target on the worker; never blocks the subscriber's thread. A subscriber that cancels stops the check
     * between two events or two chunks, never inside a read, and gets nothing.
     */
    public Mono<ReadModelReport> verify(ReadModelTarget target) {
        return Mono.<ReadModelReport>create(sink -> {
            AtomicBoolean abandoned = new AtomicBoolean();
            sink.onCancel(() -> abandoned.set(true));
            try {
                sink.success(check(target, abandoned::get));
            } catch (OrderHistory.Abandoned nobodyWaits) {
                // The subscriber is gone: there is nobody to answer.
            } catch (RuntimeException e) {
                sink.error(e);
            }
        }).subscribeOn(worker);
    }

    /** The check itself, blocking: only ever on the worker. */
    ReadModelReport check(ReadModelTarget target, BooleanSupplier abandoned) {
        Instant checkedAt = clock.instant();
        AdminFigures figures = target.adminStats() == null ? null : adminFigures(target);
        OrderHistory.Folded folded = history.fold(abandoned);
        OrderFold fold = folded.fold();
        // Taken after the fold and before the documents are read: whatever it covers is in MongoDB by then.
        Optional<TrackingToken> handled = target.progress().handled();
        Findings findings = new Findings();
        int found = compareDocuments(fold, target.myOrdersCollection(), handled, findings, abandoned);
        findExtraDocuments(fold, target.myOrdersCollection(), found, findings, abandoned);
        StatusCounts statusCounts = statusCounts(fold, figures, folded.head(), target.myOrdersCollection());
        boolean consistent = !findings.anyWrong() && (!statusCounts.compared() || statusCounts.agree());
        Long projectorPosition = handled.flatMap(token -> {
            OptionalLong position = token.position();
            return position.isPresent() ? Optional.of(position.getAsLong()) : Optional.empty();
        }).orElse(null);
        return new ReadModelReport(consistent, checkedAt, target.myOrdersCollection(), fold.eventsRead(),
                fold.orders(), projectorPosition, findings.lagging(), findings.ahead(), findings.mismatchCount(),
                findings.mismatches(), findings.missing(), findings.extra(), statusCounts);
    }

    // --- documents against the fold ---

    /** Answers how many of the fold's orders have a document. */
    private int compareDocuments(OrderFold fold, String collection, Optional<TrackingToken> handled,
                                 Findings findings, BooleanSupplier abandoned) {
        int found = 0;
        for (int from = 0; from < fold.orders(); from += CHUNK) {
            if (abandoned.getAsBoolean()) {
                throw new OrderHistory.Abandoned();
            }
            List<OrderDigest> chunk = new ArrayList<>(CHUNK);
            for (int row = from; row < Math.min(from + CHUNK, fold.orders()); row++) {
                chunk.add(fold.digestAt(row));
            }
            Map<String, Document> documents = documentsById(collection, chunk);
            for (OrderDigest expected : chunk) {
                Document document = documents.get(expected.orderId());
                if (document != null) {
                    found++;
                }
                compare(expected, document, handled, findings);
            }
        }
        return found;
    }

    private Map<String, Document> documentsById(String collection, List<OrderDigest> chunk) {
        Query query = Query.query(Criteria.where("_id").in(chunk.stream().map(OrderDigest::orderId).toList()));
        query.fields().include(STATUS, TOTAL, LINES, "seq");
        Map<String, Document> byId = mongo.find(query, Document.class, collection)
                .collectMap(document -> String.valueOf(document.get("_id")))
                .block(MONGO_TIMEOUT);
        return byId == null ? Map.of() : byId;
    }

    private void compare(OrderDigest expected, Document document, Optional<TrackingToken> handled,
                         Findings findings) {
        String orderId = expected.orderId();
        if (document == null) {
            boolean projectorPassedIt = handled.map(token -> ProjectorProgress.covers(token,
                    expected.firstPosition())).orElse(false);
            if (projectorPassedIt) {
                findings.missing(orderId);
            } else {
                findings.lagging(orderId);
            }
            return;
        }
        OptionalLong applied = OrderDocumentCheck.appliedOrderSequence(document);
        if (applied.isEmpty()) {
            findings.mismatch(orderId, SEQ_ORDER, expected::lastOrderSequence, document.get("seq"));
        } else if (applied.getAsLong() < expected.lastOrderSequence()) {
            findings.lagging(orderId);
        } else if (applied.getAsLong() > expected.lastOrderSequence()) {
            aheadOrWrong(orderId, applied.getAsLong(), findings);
        } else {
            for (String field : OrderDocumentCheck.differingFields(expected, document)) {
                findings.mismatch(orderId, field, () -> expectedValue(expected, field), document.get(field));
            }
        }
    }

    /**
     * A document past the fold moved on during the check, if the store has the Order events it claims: one indexed
     * lookup, for the few documents written while the check ran. One that claims events the store never had (written
     * by something other than the projector) is wrong, and its {@code seq.order} is the mismatch.
     */
    private void aheadOrWrong(String orderId, long applied, Findings findings) {
        long stored = eventStore.lastSequenceNumberFor(orderId).orElse(-1L);
        if (applied <= stored) {
            findings.ahead(orderId);
        } else {
            findings.mismatch(orderId, SEQ_ORDER, () -> stored, applied);
        }
    }

    private Object expectedValue(OrderDigest expected, String field) {
        return switch (field) {
            case STATUS -> expected.status() == null ? null : expected.status().name();
            case TOTAL -> expected.total() == null ? null : Documents.money(expected.total());
            default -> expected.total() == null ? null : placedLines(expected);
        };
    }

    /** The fold keeps only the lines' fingerprint; a named mismatch shows the lines, read again from OrderPlaced. */
    private Object placedLines(OrderDigest expected) {
        Iterator<? extends DomainEventMessage<?>> events =
                eventStore.readEvents(expected.orderId(), 0).asStream().iterator();
        while (events.hasNext()) {
            if (events.next().getPayload() instanceof OrderPlaced placed) {
                return Documents.pricedLines(placed.lines());
            }
        }
        return "lines with fingerprint " + Long.toHexString(expected.linesFingerprint());
    }

    // --- documents without events ---

    /**
     * Documents whose order has no event. Counting is cheap and needs no scan: when the collection holds no more
     * documents than the fold found, there is none. Otherwise one pass over every {@code _id} (on the embedded server
     * a collection scan, once, not one per page as a keyset walk of {@code _id > x} would be), and each id the fold
     * does not know is looked up in the store: an order placed after the fold began has events and is not extra.
     */
    private void findExtraDocuments(OrderFold fold, String collection, int found, Findings findings,
                                    BooleanSupplier abandoned) {
        Long documents = mongo.estimatedCount(collection).block(MONGO_TIMEOUT);
        if (documents == null || documents <= found) {
            return;
        }
        Query everyId = new Query();
        everyId.fields().include("_id");
        everyId.cursorBatchSize(CHUNK);
        try (Stream<Document> ids = mongo.find(everyId, Document.class, collection).timeout(MONGO_TIMEOUT)
                .toStream(CHUNK)) {
            Iterator<Document> each = ids.iterator();
            while (each.hasNext()) {
                if (abandoned.getAsBoolean()) {
                    throw new OrderHistory.Abandoned();
                }
                String orderId = String.valueOf(each.next().get("_id"));
                if (!fold.contains(orderId) && eventStore.lastSequenceNumberFor(orderId).isEmpty()) {
                    findings.extra(orderId);
                }
            }
        }
    }

    // --- admin figures ---

    /** The admin figures recomputed now, and whether they can describe the moment the fold will start from. */
    private record AdminFigures(Map<String, Long> counts, OptionalLong headBefore, boolean projectorCaughtUp) {
    }

    private AdminFigures adminFigures(ReadModelTarget target) {
        OptionalLong head = history.head();
        boolean caughtUp = head.isEmpty() || target.progress().handled()
                .map(token -> ProjectorProgress.covers(token, head.getAsLong())).orElse(false);
        Document summary = target.adminStats().refresh().block(MONGO_TIMEOUT);
        return new AdminFigures(countsPerStatus(summary), head, caughtUp);
    }

    /** Sums {@code ordersPerDay} ({@code [{day, status, orders}]}) per status. */
    static Map<String, Long> countsPerStatus(Document summary) {
        TreeMap<String, Long> counts = new TreeMap<>();
        if (summary != null && summary.get("ordersPerDay") instanceof List<?> days) {
            for (Object day : days) {
                if (day instanceof Document entry && entry.get("orders") instanceof Number orders) {
                    counts.merge(String.valueOf(entry.get("status")), orders.longValue(), Long::sum);
                }
            }
        }
        return inStatusOrder(counts);
    }

    private static StatusCounts statusCounts(OrderFold fold, AdminFigures figures, OptionalLong foldHead,
                                             String collection) {
        Map<String, Long> expected = fold.statusCounts();
        if (figures == null) {
            return new StatusCounts(expected, null, false, false,
                    "not compared: no admin figures are derived from " + collection);
        }
        boolean agree = expected.equals(figures.counts());
        if (!figures.projectorCaughtUp()) {
            return new StatusCounts(expected, figures.counts(), false, agree, "not compared: admin_stats were "
                    + "recomputed while the projector was still behind the event store; check again once it is idle");
        }
        if (!figures.headBefore().equals(foldHead)) {
            return new StatusCounts(expected, figures.counts(), false, agree, "not compared: events arrived "
                    + "between recomputing admin_stats and reading the event store; check again once it is idle");
        }
        return new StatusCounts(expected, figures.counts(), true, agree, "admin_stats recomputed at the start of "
                + "the check, with the projector caught up and no event arriving before the fold");
    }

    /** The statuses in their flow's order, then any name that is not a status (a broken document's) by name. */
    private static Map<String, Long> inStatusOrder(TreeMap<String, Long> counts) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (OrderStatus status : OrderStatus.values()) {
            Long count = counts.get(status.name());
            if (count != null && count > 0) {
                ordered.put(status.name(), count);
            }
        }
        counts.forEach((status, count) -> {
            if (!ordered.containsKey(status) && count > 0) {
                ordered.put(status, count);
            }
        });
        return ordered;
    }
}

package com.allinone.commerce.readmodels.verify;

import static com.allinone.commerce.readmodels.verify.OrderFoldTest.line;
import static com.allinone.commerce.readmodels.verify.OrderFoldTest.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.order.CancellationReason;
import com.allinone.commerce.api.order.OrderCancelled;
import com.allinone.commerce.api.order.OrderConfirmed;
import com.allinone.commerce.api.order.OrderPaid;
import com.allinone.commerce.api.order.OrderStockReserved;
import com.allinone.commerce.readmodels.EmbeddedMongo;
import com.allinone.commerce.readmodels.admin.AdminStatsRefresher;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import com.allinone.commerce.readmodels.order.OrderChanges;
import com.allinone.commerce.readmodels.verify.ReadModelReport.Mismatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.scheduler.Schedulers;

/**
 * The verifier over an event store in memory and documents built by the real MyOrdersProjector on the embedded
 * MongoDB server: what it calls consistent, lagging, ahead, a mismatch, missing and extra.
 */
class ReadModelVerifierTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    private static EmbeddedMongo embedded;

    private final ReactiveMongoTemplate mongo = embedded.template("verify-" + UUID.randomUUID());
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final AnnotationEventHandlerAdapter projector =
            new AnnotationEventHandlerAdapter(new MyOrdersProjector(mongo, new OrderChanges()));
    private final AdminStatsRefresher adminStats = new AdminStatsRefresher(mongo, new OrderChanges(), WAIT);
    private final ReadModelVerifier verifier = new ReadModelVerifier(eventStore, mongo, Schedulers.immediate(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<DomainEventMessage<?>> stored = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        embedded = new EmbeddedMongo();
    }

    @AfterAll
    static void stopServer() {
        embedded.close();
    }

    @AfterEach
    void closeStore() {
        eventStore.shutDown();
    }

    @Test
    void documentsTheProjectorBuiltAreConsistentWithTheFold() {
        String confirmed = confirmedOrder();
        String cancelled = placedOrder();
        store(cancelled, 2, new OrderCancelled(cancelled, CancellationReason.CUSTOMER));
        projectAll();

        ReadModelReport report = check(caughtUp());

        assertThat(report.consistent()).as("report %s", report).isTrue();
        assertThat(report.checkedAt()).isEqualTo(NOW);
        assertThat(report.eventsRead()).isEqualTo(stored.size());
        assertThat(report.orders()).isEqualTo(2);
        assertThat(report.mismatchCount()).isZero();
        assertThat(report.lagging().count()).isZero();
        assertThat(report.statusCounts().compared()).isTrue();
        assertThat(report.statusCounts().agree()).isTrue();
        assertThat(report.statusCounts().expected())
                .containsExactly(Map.entry("CONFIRMED", 1L), Map.entry("CANCELLED", 1L));
        assertThat(report.statusCounts().actual()).isEqualTo(report.statusCounts().expected());
        assertThat(confirmed).isNotEqualTo(cancelled);
    }

    @Test
    void aDocumentChangedBehindTheProjectorsBackIsNamedFieldByField() {
        String orderId = confirmedOrder();
        projectAll();
        set(orderId, new Update().set("status", "DELIVERED").set("total.amount", 1L)
                .set("lines.0.quantity", 9));

        ReadModelReport report = check(caughtUp());

        assertThat(report.consistent()).isFalse();
        assertThat(report.mismatchCount()).isEqualTo(3);
        assertThat(report.mismatches()).extracting(Mismatch::orderId).containsOnly(orderId);
        assertThat(report.mismatches()).extracting(Mismatch::field).containsExactly("status", "total", "lines");
        assertThat(report.mismatches().get(0).expected()).isEqualTo("CONFIRMED");
        assertThat(report.mismatches().get(0).actual()).isEqualTo("DELIVERED");
        assertThat(report.mismatches().get(1).expected()).isEqualTo(Map.of("amount", 4_000L, "currency", "KRW"));
        // The fold keeps a fingerprint; the expected lines are read again from the order's OrderPlaced.
        assertThat(report.mismatches().get(2).expected()).asString().contains("quantity=2");
        assertThat(report.mismatches().get(2).actual()).asString().contains("quantity=9");
        assertThat(report.statusCounts().compared()).isTrue();
        assertThat(report.statusCounts().agree()).isFalse();
    }

    @Test
    void aDocumentBehindItsEventsLagsAndIsNoMismatch() {
        String orderId = placedOrder();
        projectAll();
        long handled = stored.size() - 1;
        store(orderId, 2, new OrderPaid(orderId, "pay-1"));

        ReadModelReport report = check(at(handled));

        assertThat(report.lagging().count()).isEqualTo(1);
        assertThat(report.lagging().orderIds()).containsExactly(orderId);
        assertThat(report.mismatchCount()).isZero();
        assertThat(report.statusCounts().compared()).as("the projector was behind").isFalse();
        assertThat(report.consistent()).isTrue();
    }

    @Test
    void aMissingDocumentLagsUntilTheProjectorHasPassedItsOrder() {
        String orderId = placedOrder();
        projectAll();
        mongo.remove(Query.query(Criteria.where("_id").is(orderId)), MyOrdersProjector.COLLECTION).block(WAIT);

        ReadModelReport passed = check(caughtUp());
        ReadModelReport notReached = check(at(-1));
        ReadModelReport unknown = check(ProjectorProgress.UNKNOWN);

        assertThat(passed.missing().orderIds()).containsExactly(orderId);
        assertThat(passed.consistent()).isFalse();
        assertThat(notReached.missing().count()).isZero();
        assertThat(notReached.lagging().orderIds()).containsExactly(orderId);
        assertThat(unknown.lagging().orderIds()).containsExactly(orderId);
        assertThat(unknown.projectorPosition()).isNull();
    }

    @Test
    void aDocumentAheadOfTheFoldMovedOnDuringTheCheck() {
        String orderId = placedOrder();
        projectAll();
        // The projector's progress is asked once the fold has ended: an event comes in and is projected just then.
        ProjectorProgress paidDuringTheCheck = () -> {
            store(orderId, 2, new OrderPaid(orderId, "pay-1"));
            projectAll();
            return caughtUp().handled();
        };

        ReadModelReport report = verifier.check(ReadModelTarget.shadow(MyOrdersProjector.COLLECTION,
                paidDuringTheCheck), () -> false);

        assertThat(report.ahead().orderIds()).containsExactly(orderId);
        assertThat(report.mismatchCount()).isZero();
        assertThat(report.consistent()).isTrue();
    }

    @Test
    void aDocumentClaimingOrderEventsTheStoreNeverHadIsWrong() {
        String orderId = placedOrder();
        projectAll();
        // What a writer other than the projector leaves: a later status, with a sequence no event has.
        set(orderId, new Update().set("seq.order", 5L).set("status", "SHIPPED"));

        ReadModelReport report = check(caughtUp());

        assertThat(report.ahead().count()).isZero();
        assertThat(report.mismatches()).containsExactly(new Mismatch(orderId, "seq.order", 1L, 5L));
        assertThat(report.consistent()).isFalse();
    }

    @Test
    void aDocumentWithoutEventsIsExtra() {
        placedOrder();
        projectAll();
        String stray = UUID.randomUUID().toString();
        mongo.insert(new Document("_id", stray).append("status", "PAID"), MyOrdersProjector.COLLECTION).block(WAIT);

        ReadModelReport report = check(caughtUp());

        assertThat(report.extra().orderIds()).containsExactly(stray);
        assertThat(report.consistent()).isFalse();
    }

    @Test
    void aShadowCollectionIsCheckedWithoutAdminFigures() {
        placedOrder();
        projectAll();

        ReadModelReport report = verifier.verify(ReadModelTarget.shadow(MyOrdersProjector.COLLECTION, caughtUp()))
                .block(WAIT);

        assertThat(report).isNotNull();
        assertThat(report.consistent()).isTrue();
        assertThat(report.statusCounts().actual()).isNull();
        assertThat(report.statusCounts().compared()).isFalse();
    }

    @Test
    void aCheckWhoseCallerLeftStopsWithoutAnswer() {
        placedOrder();

        ReadModelTarget target = ReadModelTarget.shadow(MyOrdersProjector.COLLECTION, caughtUp());

        assertThatThrownBy(() -> verifier.check(target, () -> true)).isInstanceOf(OrderHistory.Abandoned.class);
    }

    // --- the store and the projection ---

    private String placedOrder() {
        String orderId = UUID.randomUUID().toString();
        store(orderId, 0, placed(orderId, line("SKU-1", 2, 2_000)));
        store(orderId, 1, new OrderStockReserved(orderId, List.of(new OrderLine("SKU-1", 2))));
        return orderId;
    }

    private String confirmedOrder() {
        String orderId = placedOrder();
        store(orderId, 2, new OrderPaid(orderId, "pay-1"));
        store(orderId, 3, new OrderConfirmed(orderId));
        return orderId;
    }

    private void store(String orderId, long sequence, Object event) {
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>("Order", orderId, sequence, event);
        eventStore.publish(message);
        stored.add(message);
    }

    private void projectAll() {
        for (DomainEventMessage<?> event : stored) {
            try {
                projector.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void set(String orderId, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId)), update, MyOrdersProjector.COLLECTION)
                .block(WAIT);
    }

    // --- checks ---

    private ReadModelReport check(ProjectorProgress progress) {
        return verifier.check(new ReadModelTarget(MyOrdersProjector.COLLECTION, progress, adminStats::refresh),
                () -> false);
    }

    private ProjectorProgress caughtUp() {
        return at(stored.size() - 1);
    }

    private static ProjectorProgress at(long position) {
        return () -> Optional.of(new GlobalSequenceTrackingToken(position));
    }
}

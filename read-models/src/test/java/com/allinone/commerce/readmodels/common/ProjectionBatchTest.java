package com.allinone.commerce.readmodels.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import com.allinone.commerce.readmodels.EmbeddedMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/** Batched, idempotent read-model writes on the embedded MongoDB server, through the real reactive driver. */
class ProjectionBatchTest {

    private static EmbeddedMongo embedded;
    private static ReactiveMongoTemplate mongo;

    private final List<String> changed = new ArrayList<>();
    private final String collection = "docs_" + System.nanoTime();
    private final SourcedDocuments documents =
            new SourcedDocuments(mongo, collection, List.of("order", "payment"), changed::add);
    private final ProjectionBatchInterceptor interceptor = new ProjectionBatchInterceptor();

    @BeforeAll
    static void startServer() {
        embedded = new EmbeddedMongo();
        mongo = embedded.template("projection-batch-test");
    }

    @AfterAll
    static void stopServer() {
        embedded.close();
    }

    @Test
    void anEventOutsideABatchIsWrittenAtOnceAndOnlyOnce() {
        assertThat(documents.start("o-1", "order", 0, new Update().set("status", "PLACED"))).isTrue();
        assertThat(document("o-1")).containsEntry("status", "PLACED")
                .containsEntry("seq", new Document("order", 0L).append("payment", -1L));
        assertThat(changed).containsExactly("o-1");

        assertThat(documents.start("o-1", "order", 0, new Update().set("status", "AGAIN"))).isFalse();
        assertThat(documents.apply("o-1", "payment", 0, new Update().set("paid", true))).isTrue();
        assertThat(documents.apply("o-1", "payment", 0, new Update().set("paid", false))).isFalse();
        assertThat(document("o-1")).containsEntry("status", "PLACED").containsEntry("paid", true);
        assertThat(changed).containsExactly("o-1", "o-1");
    }

    @Test
    void aLaterEventWithoutItsDocumentFailsInsteadOfVanishing() {
        assertThatThrownBy(() -> documents.apply("o-missing", "order", 1, new Update().set("status", "PAID")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("o-missing");
        assertThat(document("o-missing")).isNull();
    }

    @Test
    void aBatchIsWrittenWhenItsLastEventIsHandledAndItsEventsSeeEachOther() throws Exception {
        List<EventMessage<?>> events = List.of(event("o-2"), event("o-3"), event("o-2"), event("o-3"));
        List<Consumer<Integer>> handlers = List.of(
                i -> documents.start("o-2", "order", 0, new Update().set("status", "PLACED")),
                i -> {
                    documents.start("o-3", "order", 0, new Update().set("status", "PLACED"));
                    assertThat(document("o-2")).as("nothing is written before the batch ends").isNull();
                },
                // the same batch already knows o-2 exists, though nothing is written yet
                i -> documents.apply("o-2", "order", 1, new Update().set("status", "PAID")),
                i -> documents.apply("o-3", "order", 0, new Update().set("status", "REPLAYED")));

        handleAsOneBatch(events, handlers);

        assertThat(document("o-2")).containsEntry("status", "PAID")
                .containsEntry("seq", new Document("order", 1L).append("payment", -1L));
        assertThat(document("o-3")).as("a replayed sequence changes nothing").containsEntry("status", "PLACED");
        assertThat(changed).containsExactly("o-2", "o-3", "o-2");
    }

    @Test
    void aBatchWithAFailedEventWritesNothing() {
        List<EventMessage<?>> events = List.of(event("o-4"), event("o-5"), event("o-4"));
        List<Consumer<Integer>> handlers = List.of(
                i -> documents.start("o-4", "order", 0, new Update().set("status", "PLACED")),
                i -> documents.apply("o-5", "order", 1, new Update().set("status", "PAID")),
                i -> documents.apply("o-4", "order", 1, new Update().set("status", "PAID")));

        assertThatThrownBy(() -> handleAsOneBatch(events, handlers)).hasMessageContaining("o-5");

        assertThat(document("o-4")).isNull();
        assertThat(changed).isEmpty();
    }

    @Test
    void aReplayedBatchOfDocumentsAlreadyWrittenChangesNothing() throws Exception {
        documents.start("o-6", "order", 0, new Update().set("status", "PLACED"));
        documents.apply("o-6", "order", 1, new Update().set("status", "PAID"));
        changed.clear();

        handleAsOneBatch(List.of(event("o-6"), event("o-6")), List.of(
                i -> documents.start("o-6", "order", 0, new Update().set("status", "PLACED")),
                i -> documents.apply("o-6", "order", 1, new Update().set("status", "PAID"))));

        assertThat(document("o-6")).containsEntry("status", "PAID");
        assertThat(changed).isEmpty();
    }

    @Test
    void otherWritesJoinTheBatchToo() throws Exception {
        handleAsOneBatch(List.of(event("o-7"), event("o-7")), List.of(
                i -> documents.start("o-7", "order", 0, new Update().inc("placed", 1)),
                i -> ProjectionBatch.replace(mongo, collection, "entry-1", new Document("orderId", "o-7"))));

        assertThat(document("o-7")).as("each write applies once").containsEntry("placed", 1);
        assertThat(document("entry-1")).containsEntry("orderId", "o-7");
    }

    @Test
    void aDocumentMongoRefusesFailsItsBatchOnceThenOnlyItsOwnEvent() {
        mongo.insert(new Document("_id", "o-bad").append("timeline", "not-a-list")
                .append("seq", new Document("order", -1L).append("payment", -1L)), collection).block();
        List<EventMessage<?>> events = List.of(event("o-good"), event("o-bad"));
        List<Consumer<Integer>> handlers = List.of(
                i -> documents.start("o-good", "order", 0, new Update().push("timeline", "PLACED")),
                i -> documents.apply("o-bad", "order", 0, new Update().push("timeline", "PLACED")));

        assertThatThrownBy(() -> handleAsOneBatch(events, handlers)).hasMessageContaining("o-bad");

        // Redelivered, the batch is handled event by event: the refused write fails inside its own handler (where
        // the dead-letter queue takes it), and the other flow is written.
        List<Throwable> handlerFailures = new ArrayList<>();
        List<Consumer<Integer>> parking = handlers.stream().<Consumer<Integer>>map(handler -> i -> {
            try {
                handler.accept(i);
            } catch (RuntimeException refused) {
                handlerFailures.add(refused);
            }
        }).toList();
        assertThatCode(() -> handleAsOneBatch(events, parking)).doesNotThrowAnyException();

        assertThat(handlerFailures).singleElement().asString().contains("o-bad");
        assertThat(document("o-good")).as("written once, though the failed batch had written it already")
                .containsEntry("timeline", List.of("PLACED"));
    }

    /** As a processor runs a batch: one batching unit of work, every event through the interceptor. */
    private void handleAsOneBatch(List<EventMessage<?>> events, List<Consumer<Integer>> handlers) throws Exception {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        var result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork, List.of(interceptor),
                message -> {
                    handlers.get(events.indexOf(message)).accept(events.indexOf(message));
                    return null;
                }).proceed(), RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
    }

    private static EventMessage<?> event(String flow) {
        return GenericEventMessage.asEventMessage("payload")
                .andMetaData(MetaData.with(FlowCorrelationDataProvider.CORRELATION_ID, flow));
    }

    private Document document(String id) {
        return mongo.findById(id, Document.class, collection).block(Duration.ofSeconds(10));
    }

}

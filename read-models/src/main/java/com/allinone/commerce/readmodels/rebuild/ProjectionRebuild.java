package com.allinone.commerce.readmodels.rebuild;

import com.allinone.commerce.readmodels.common.ProjectionBatchInterceptor;
import com.allinone.commerce.readmodels.common.ReadModelIndexes;
import com.mongodb.MongoNamespace;
import com.mongodb.client.model.RenameCollectionOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * One blue/green rebuild of a read model, on a thread of its own: a second projector reads the event store from its
 * start into a shadow collection while the live one keeps serving; once the shadow has caught up it is checked, and
 * switched in by renaming it over the live collection. An abort or a failure drops the shadow and leaves the live
 * collection as it was.
 *
 * <p>The switch closes the {@link SwitchBarrier} so that no live projector writes, waits out a batch already writing,
 * feeds the shadow up to the head of the store, checks it holds no fewer documents than the live collection, renames
 * it and opens the barrier. The live processor then goes on from
 * its own tokens: every event up to the head is already in the new collection, and replaying it there is a no-op, as
 * for every idempotent projector.
 */
final class ProjectionRebuild implements Runnable {

    enum State {
        BUILDING, VERIFYING, SWITCHING, SWITCHED, FAILED, ABORTED;

        boolean running() {
            return this == BUILDING || this == VERIFYING || this == SWITCHING;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final int BATCH_SIZE = 500;
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    /** Longer than a live batch takes to write, so one that passed the barrier before it closed has landed. */
    private static final Duration SWITCH_GRACE = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final RebuildableReadModel model;
    private final EventStore events;
    private final ReactiveMongoTemplate mongo;
    private final ReadModelIndexes indexes;
    private final SwitchBarrier barrier;
    private final Runnable afterSwitch;
    private final RebuildProgress progress = new RebuildProgress();
    private volatile State state = State.BUILDING;
    private volatile boolean abortRequested;
    private volatile String failure;
    private volatile ShadowCheck.Verdict verdict;

    ProjectionRebuild(RebuildableReadModel model, EventStore events, ReactiveMongoTemplate mongo,
                      ReadModelIndexes indexes, SwitchBarrier barrier, Runnable afterSwitch) {
        this.model = model;
        this.events = events;
        this.mongo = mongo;
        this.indexes = indexes;
        this.barrier = barrier;
        this.afterSwitch = afterSwitch;
    }

    @Override
    public void run() {
        log.info("Rebuilding read model {} into {}", model.name(), model.shadowCollection());
        try {
            dropShadow();
            indexes.ensure(model.shadowCollection(), model.collection()).block(TIMEOUT);
            progress.started(position(events.createHeadToken()));
            ShadowProjector shadow = new ShadowProjector(model.projectorInto().apply(model.shadowCollection()));
            try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                build(stream, shadow);
                if (abortRequested) {
                    finish(State.ABORTED, null);
                    return;
                }
                state = State.VERIFYING;
                verdict = model.check().check(model, shadow.reached());
                if (!verdict.passed()) {
                    finish(State.FAILED, "the rebuilt read model failed its check: " + verdict.summary());
                    return;
                }
                String refused = switchIn(stream, shadow);
                if (refused != null) {
                    finish(State.FAILED, "the rebuilt read model failed its check: " + refused);
                    return;
                }
            }
            state = State.SWITCHED;
            log.info("Read model {} rebuilt from {} events and switched in ({} events/s)", model.name(),
                    progress.processed(), Math.round(progress.rate()));
            afterSwitch.run();
        } catch (Exception | Error e) {
            log.error("Rebuild of read model {} failed; the live one is untouched", model.name(), e);
            finish(State.FAILED, e.toString());
        }
    }

    /** Feeds the shadow until it has reached the head of the store as it was when the rebuild started. */
    private void build(BlockingStream<TrackedEventMessage<?>> stream, ShadowProjector shadow) throws Exception {
        Instant nextLog = Instant.now().plus(LOG_EVERY);
        while (!abortRequested && !progress.reachedStartHead()) {
            List<TrackedEventMessage<?>> batch = next(stream);
            if (batch.isEmpty()) {
                break;
            }
            shadow.project(batch);
            progress.advanced(batch.size(), position(batch.get(batch.size() - 1).trackingToken()));
            if (Instant.now().isAfter(nextLog)) {
                nextLog = Instant.now().plus(LOG_EVERY);
                log.info("Rebuilding {}: {} events, position {} of {}, {} events/s, ETA {}", model.name(),
                        progress.processed(), progress.position(), progress.total(), Math.round(progress.rate()),
                        progress.eta());
            }
        }
    }

    /**
     * Switches the shadow in, or answers why not. The count check runs here, behind the barrier and after the last
     * catch-up: before it, the live projector may rightly hold documents for orders placed after the shadow's
     * position; now it cannot hold one the shadow lacks, unless documents were lost.
     */
    private String switchIn(BlockingStream<TrackedEventMessage<?>> stream, ShadowProjector shadow) throws Exception {
        state = State.SWITCHING;
        barrier.close(model.processingGroup());
        try {
            Thread.sleep(SWITCH_GRACE.toMillis());
            long head = position(events.createHeadToken());
            while (progress.position() < head) {
                List<TrackedEventMessage<?>> batch = next(stream);
                if (batch.isEmpty()) {
                    break;
                }
                shadow.project(batch);
                progress.advanced(batch.size(), position(batch.get(batch.size() - 1).trackingToken()));
            }
            ShadowCheck.Verdict counted = ShadowCheck.noDocumentLost(mongo).check(model, shadow.reached());
            verdict = verdict == null ? counted : new ShadowCheck.Verdict(true,
                    verdict.summary() + "; " + counted.summary(), verdict.details());
            if (!counted.passed()) {
                return counted.summary();
            }
            String database = mongo.getMongoDatabase().map(d -> d.getName()).block(TIMEOUT);
            renameOver(database, model.shadowCollection(), model.collection());
            for (String suffix : model.companionSuffixes()) {
                renameOver(database, model.shadowCollection() + suffix, model.collection() + suffix);
            }
        } finally {
            barrier.open(model.processingGroup());
        }
        return null;
    }

    /** The shadow takes the live one's name; a shadow the history never wrote means the live one must be empty. */
    private void renameOver(String database, String shadow, String live) {
        if (!Boolean.TRUE.equals(mongo.collectionExists(shadow).block(TIMEOUT))) {
            dropIfExists(live);
            return;
        }
        mongo.getCollection(shadow)
                .flatMap(shadowCollection -> Mono.from(shadowCollection.renameCollection(
                        new MongoNamespace(database, live), new RenameCollectionOptions().dropTarget(true))))
                .block(TIMEOUT);
    }

    /** Up to a batch of the events available now (waiting briefly for the first); empty at the head. */
    private static List<TrackedEventMessage<?>> next(BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        if (!stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
            return batch;
        }
        while (batch.size() < BATCH_SIZE && stream.hasNextAvailable()) {
            batch.add(stream.nextAvailable());
        }
        return batch;
    }

    private void finish(State end, String why) {
        failure = why;
        try {
            dropShadow();
        } catch (RuntimeException e) {
            log.warn("The shadow collection {} could not be dropped: {}", model.shadowCollection(), e.toString());
        }
        state = end;
        log.info("Rebuild of read model {} {}{}", model.name(), end.name().toLowerCase(),
                why == null ? "" : ": " + why);
    }

    /** Only when it exists: the embedded server logs an ERROR for dropping a collection it does not have. */
    private void dropShadow() {
        dropIfExists(model.shadowCollection());
        model.companionSuffixes().forEach(suffix -> dropIfExists(model.shadowCollection() + suffix));
    }

    private void dropIfExists(String collection) {
        if (Boolean.TRUE.equals(mongo.collectionExists(collection).block(TIMEOUT))) {
            mongo.dropCollection(collection).block(TIMEOUT);
        }
    }

    private static long position(TrackingToken token) {
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        return position.orElse(0L);
    }

    void abort() {
        abortRequested = true;
    }

    boolean isRunning() {
        return state.running();
    }

    RebuildStatus status() {
        return new RebuildStatus(model.name(), state.name(), progress.processed(), progress.position(),
                progress.total(), Math.round(progress.rate()), progress.eta(), progress.startedAt(),
                progress.ratesByFifth(), verdict == null ? null : verdict.summary(),
                verdict == null ? null : verdict.details(), failure);
    }

    /** The read model's projector, fed batches as its processor would feed it, through the same batching. */
    private static final class ShadowProjector {

        private final AnnotationEventHandlerAdapter handlers;
        private final ProjectionBatchInterceptor batching = new ProjectionBatchInterceptor();

        ShadowProjector(Object projector) {
            this.handlers = new AnnotationEventHandlerAdapter(projector);
        }

        private volatile TrackingToken reached;

        /** The token of the last event projected. */
        TrackingToken reached() {
            return reached;
        }

        void project(List<TrackedEventMessage<?>> batch) throws Exception {
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            var result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                    List.of(batching), event -> handlers.canHandle(event) ? handlers.handle(event) : null).proceed(),
                    RollbackConfigurationType.ANY_THROWABLE);
            if (!result.isExceptional()) {
                reached = batch.get(batch.size() - 1).trackingToken();
            } else {
                throw new IllegalStateException("the rebuild could not project an event: "
                        + result.exceptionResult().getMessage(), result.exceptionResult());
            }
        }
    }
}

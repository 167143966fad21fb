package com.allinone.commerce.readmodels.rebuild;

import java.time.Duration;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/** Decides whether a rebuilt shadow collection may replace the live one. */
@FunctionalInterface
public interface ShadowCheck {

    /**
     * The verdict on the shadow, which has handled the store up to {@code reached}; runs on the rebuild's own thread,
     * so it may block.
     */
    Verdict check(RebuildableReadModel model, TrackingToken reached);

    /** Whether the shadow passed, and in a few words why (or why not); {@code details} is shown as given. */
    record Verdict(boolean passed, String summary, Object details) {
    }

    /** For a read model with no check of its own beyond the count every switch makes. */
    static ShadowCheck passes() {
        return (model, reached) -> new Verdict(true, "no check of its own", null);
    }

    /**
     * The check every switch makes, behind the barrier after the last catch-up (ProjectionRebuild): the shadow holds
     * at least as many documents as the live collection, so a rebuild that lost documents is never switched in.
     */
    static ShadowCheck noDocumentLost(ReactiveMongoTemplate mongo) {
        return (model, reached) -> {
            long live = count(mongo, model.collection());
            long shadow = count(mongo, model.shadowCollection());
            return new Verdict(shadow >= live, shadow + " documents rebuilt, " + live + " live", null);
        };
    }

    private static long count(ReactiveMongoTemplate mongo, String collection) {
        return mongo.getCollection(collection).flatMap(c -> Mono.from(c.estimatedDocumentCount()))
                .blockOptional(Duration.ofSeconds(60)).orElse(0L);
    }
}

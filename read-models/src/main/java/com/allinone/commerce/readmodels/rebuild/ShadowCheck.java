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

    /**
     * The check every read model gets: the shadow holds at least as many documents as the live collection, so a
     * rebuild that lost documents is never switched in. (The live collection may trail the shadow, never lead it.)
     */
    static ShadowCheck noDocumentLost(ReactiveMongoTemplate mongo) {
        return (model, reached) -> {
            long live = count(mongo, model.collection());
            long shadow = count(mongo, model.shadowCollection());
            return new Verdict(shadow >= live, shadow + " documents rebuilt, " + live + " live", null);
        };
    }

    /** Both checks must pass; the verdict names both. */
    default ShadowCheck and(ShadowCheck other) {
        return (model, reached) -> {
            Verdict first = check(model, reached);
            Verdict second = other.check(model, reached);
            return new Verdict(first.passed() && second.passed(), first.summary() + "; " + second.summary(),
                    second.details() != null ? second.details() : first.details());
        };
    }

    private static long count(ReactiveMongoTemplate mongo, String collection) {
        return mongo.getCollection(collection).flatMap(c -> Mono.from(c.estimatedDocumentCount()))
                .blockOptional(Duration.ofSeconds(60)).orElse(0L);
    }
}

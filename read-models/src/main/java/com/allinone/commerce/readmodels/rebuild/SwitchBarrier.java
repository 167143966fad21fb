package com.allinone.commerce.readmodels.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Stops every query node's live projector of one processing group from writing while a rebuilt collection is switched
 * in. Kept in MongoDB ({@code projection_switches}, one document per group, read by {@code _id}), because with
 * several query nodes the live processor's segments may be running on any of them.
 *
 * <p>A projector batch checks the barrier just before it writes. While it is closed the batch fails and the processor
 * redelivers it later: it then reads the documents afresh from whichever collection is live by then. A batch that
 * decided its writes against the old collection must never write them into the new one, which is why it fails instead
 * of waiting.
 */
public class SwitchBarrier {

    public static final String COLLECTION = "projection_switches";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;

    public SwitchBarrier(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void close(String processingGroup) {
        mongo.save(new Document("_id", processingGroup).append("since", Date.from(Instant.now())), COLLECTION)
                .block(TIMEOUT);
    }

    public void open(String processingGroup) {
        mongo.remove(Query.query(Criteria.where("_id").is(processingGroup)), COLLECTION).block(TIMEOUT);
    }

    /** Throws while a switch is under way; one read by {@code _id}, on a projector thread. */
    public void assertOpen(String processingGroup) {
        if (mongo.findById(processingGroup, Document.class, COLLECTION).blockOptional(TIMEOUT).isPresent()) {
            throw new ProjectionSwitching(processingGroup);
        }
    }

    /** The live read model is being replaced by a rebuilt one; the batch is redelivered after the switch. */
    public static class ProjectionSwitching extends RuntimeException {

        ProjectionSwitching(String processingGroup) {
            super(processingGroup + " is switching to a rebuilt read model; this batch is redelivered afterwards");
        }
    }
}

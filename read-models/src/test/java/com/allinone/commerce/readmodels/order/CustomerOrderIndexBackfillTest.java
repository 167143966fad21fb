package com.allinone.commerce.readmodels.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.readmodels.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * A store projected before the per-customer index existed gets its orders listed once, as the projector lists them.
 */
class CustomerOrderIndexBackfillTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INDEX = CustomerOrderIndex.collectionOf(MyOrdersProjector.COLLECTION);

    private EmbeddedMongo embedded;
    private ReactiveMongoTemplate mongo;

    @BeforeEach
    void startServer() {
        embedded = new EmbeddedMongo();
        mongo = embedded.template("backfill-test");
    }

    @AfterEach
    void stopServer() {
        embedded.close();
    }

    @Test
    void listsEveryStoredOrderOnceAndThenNeverAgain() {
        Instant first = Instant.parse("2026-11-30T10:15:00.123Z");
        Instant later = Instant.parse("2026-11-30T13:01:00Z");
        for (Document order : List.of(order("o-1", "alice", first), order("o-2", "alice", later),
                order("o-3", "bob", first))) {
            mongo.insert(order, MyOrdersProjector.COLLECTION).block(WAIT);
        }
        // One of alice's orders the live projector already listed.
        new CustomerOrderIndex(mongo, MyOrdersProjector.COLLECTION).add("alice", "o-2", later);

        assertThat(new CustomerOrderIndexBackfill(mongo).run()).isEqualTo(3);

        Document alice = mongo.findById(CustomerOrderIndex.headId("alice"), Document.class, INDEX).block(WAIT);
        assertThat(CustomerOrderIndex.hoursNewestFirst(alice))
                .containsExactly(CustomerOrderIndex.hourOf(later), CustomerOrderIndex.hourOf(first));
        assertThat(entries("alice", later)).containsExactly(new CustomerOrderIndex.Entry("o-2", later));
        assertThat(entries("alice", first)).containsExactly(new CustomerOrderIndex.Entry("o-1", first));
        assertThat(entries("bob", first)).containsExactly(new CustomerOrderIndex.Entry("o-3", first));

        mongo.insert(order("o-4", "carol", later), MyOrdersProjector.COLLECTION).block(WAIT);
        assertThat(new CustomerOrderIndexBackfill(mongo).run()).as("done once, marked done").isZero();
        assertThat(mongo.findById(CustomerOrderIndex.headId("carol"), Document.class, INDEX).block(WAIT)).isNull();
    }

    private List<CustomerOrderIndex.Entry> entries(String customer, Instant at) {
        Document bucket = mongo.findById(CustomerOrderIndex.bucketId(customer, CustomerOrderIndex.hourOf(at)),
                Document.class, INDEX).block(WAIT);
        return bucket.getList(CustomerOrderIndex.ORDERS, Document.class).stream()
                .map(CustomerOrderIndex.Entry::of).toList();
    }

    private static Document order(String id, String customer, Instant placedAt) {
        return new Document("_id", id).append("customerId", customer).append("placedAt", Date.from(placedAt))
                .append("status", "CONFIRMED");
    }
}

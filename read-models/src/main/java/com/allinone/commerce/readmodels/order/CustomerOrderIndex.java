package com.allinone.commerce.readmodels.order;

import com.allinone.commerce.readmodels.common.ProjectionBatch;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Which orders each customer placed, when, in a shape every engine serves by {@code _id} alone (MongoDB's bucket
 * pattern): the "my orders" list reads one small head document and a few buckets instead of querying
 * {@code my_orders} by {@code customerId}, which the embedded server answers by scanning and sorting the whole
 * collection (DESIGN §6, issue 11: 28 req/s at 30,000 orders).
 *
 * <ul>
 *   <li>a <b>head</b> per customer, {@code _id "c:<customerId>"}: {@code hours}, the hours (since the epoch, UTC) in
 *       which the customer placed orders;</li>
 *   <li>a <b>bucket</b> per customer and hour, {@code _id "h:<hour>:<customerId>"}: {@code orders}, one entry
 *       {@code {id, at}} per order placed in that hour.</li>
 * </ul>
 * Both change only by {@code $addToSet} of values that never change (an order's id and placing time), so projecting
 * an {@code OrderPlaced} again, in any order and from any segment, changes nothing: the index needs no sequence
 * guard. Buckets by time, not by count, keep every order's bucket a function of the order alone, and hours stay in
 * order: everything in an hour is newer than everything in the hour before. A bucket holds what one customer can
 * place in an hour: at the default rate limit (10 a second) at most 36,000 entries of about 80 bytes.
 *
 * <p>The ids cannot collide: heads start with {@code c:} and buckets with {@code h:} followed by digits and a colon,
 * whatever the customer id holds.
 */
public final class CustomerOrderIndex {

    /** The index of a collection of order documents is the collection of the same name with this suffix. */
    public static final String SUFFIX = "_by_customer";
    public static final String HOURS = "hours";
    public static final String ORDERS = "orders";
    public static final String ID = "id";
    public static final String AT = "at";

    /** An order in a customer's list, newest first, then by id (the order of "my orders" and of its cursors). */
    public record Entry(String orderId, Instant placedAt) {

        public static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing(Entry::placedAt).reversed()
                .thenComparing(Entry::orderId);

        public static Entry of(Document entry) {
            return new Entry(entry.getString(ID), entry.getDate(AT).toInstant());
        }

        Document toDocument() {
            // Millisecond precision, as MongoDB stores dates: a replay must add the very same entry.
            return new Document(ID, orderId).append(AT, Date.from(placedAt));
        }
    }

    private final ReactiveMongoTemplate mongo;
    private final String collection;

    /** @param orders the collection of the order documents this index lists */
    public CustomerOrderIndex(ReactiveMongoTemplate mongo, String orders) {
        this.mongo = mongo;
        this.collection = collectionOf(orders);
    }

    public static String collectionOf(String orders) {
        return orders + SUFFIX;
    }

    public static String headId(String customerId) {
        return "c:" + customerId;
    }

    public static String bucketId(String customerId, long hour) {
        return "h:" + hour + ":" + customerId;
    }

    public static long hourOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 3600);
    }

    /** The head's hours, newest first. */
    public static List<Long> hoursNewestFirst(Document head) {
        return head.getList(HOURS, Number.class).stream().map(Number::longValue).distinct()
                .sorted(Comparator.reverseOrder()).toList();
    }

    /** Lists the order, with the current batch's writes: adding one already listed changes nothing. */
    public void add(String customerId, String orderId, Instant placedAt) {
        changes(customerId, orderId, placedAt)
                .forEach(change -> ProjectionBatch.upsert(mongo, collection, change.id(), change.update()));
    }

    /** A change to one document of the index, by {@code _id}, creating the document if there is none. */
    public record Change(String id, Update update) {
    }

    /** What listing an order changes: its hour's bucket first, then the head, so a listed hour always has its bucket. */
    public static List<Change> changes(String customerId, String orderId, Instant placedAt) {
        Entry entry = new Entry(orderId, Instant.ofEpochMilli(placedAt.toEpochMilli()));
        long hour = hourOf(entry.placedAt());
        return List.of(new Change(bucketId(customerId, hour), new Update().addToSet(ORDERS, entry.toDocument())),
                new Change(headId(customerId), new Update().addToSet(HOURS, hour)));
    }
}

package com.allinone.commerce.queryside.order;

import com.allinone.commerce.queryside.common.Page;
import com.allinone.commerce.queryside.common.Paging;
import com.allinone.commerce.readmodels.order.CustomerOrderIndex;
import com.allinone.commerce.readmodels.order.CustomerOrderIndex.Entry;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

/**
 * One customer's orders, newest first, in keyset pages ({@code placedAt} desc, then orderId), read by {@code _id}
 * alone on every engine: the customer's head in the {@link CustomerOrderIndex}, then the buckets of the newest hours
 * until the page is full, then the page's order documents in one {@code _id $in}. The cost depends on the page and on
 * how the customer's orders spread over hours, never on how many orders the store holds.
 *
 * <p>An order placed while a client pages sorts before the cursor, so the pages after it neither repeat nor skip an
 * order. An order already listed whose document this node cannot read yet is left out of the page rather than
 * shown half.
 */
public class CustomerOrders {

    /** Hours read in the first round; each further round reads twice as many. */
    private static final int FIRST_HOURS = 4;
    /** Reads of more entries when some of a page's documents are not readable yet: they are the newest few. */
    private static final int MAX_REFILLS = 3;
    private static final String INDEX = CustomerOrderIndex.collectionOf(MyOrdersProjector.COLLECTION);

    private final ReactiveMongoTemplate mongo;

    public CustomerOrders(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<Page<OrderView.Summary>> page(String customerId, String cursor, int size) {
        Entry last = cursor == null ? null : lastSent(cursor);
        // Hours newer than the last order sent hold nothing for this page: they are not read.
        long fromHour = last == null ? Long.MAX_VALUE : CustomerOrderIndex.hourOf(last.placedAt());
        Predicate<Entry> afterCursor = last == null ? entry -> true
                : entry -> Entry.NEWEST_FIRST.compare(entry, last) > 0;
        return mongo.findById(CustomerOrderIndex.headId(customerId), Document.class, INDEX)
                .map(head -> CustomerOrderIndex.hoursNewestFirst(head).stream().filter(h -> h <= fromHour).toList())
                .defaultIfEmpty(List.of())
                .flatMap(hours -> filled(customerId, hours, afterCursor, size, size + 1, 0))
                .map(found -> Paging.page(found, size, sent -> Paging.timeCursor(sent.placedAt(), sent.orderId())));
    }

    /**
     * The page's orders, {@code size + 1} of them when the customer has that many: entries whose document is not
     * readable yet (the projector writes the index and the documents in separate writes) are made up for with older
     * ones, or a page would come back short and without a next cursor, and the client would take the list for
     * complete (seen under load: 92 of 100).
     */
    private Mono<List<OrderView.Summary>> filled(String customerId, List<Long> hours, Predicate<Entry> afterCursor,
                                                 int size, int wanted, int refills) {
        return newest(customerId, hours, 0, FIRST_HOURS, afterCursor, wanted, new ArrayList<>())
                .flatMap(entries -> summaries(customerId, entries).flatMap(found -> {
                    int unreadable = entries.size() - found.size();
                    boolean indexHasMore = entries.size() >= wanted;
                    if (unreadable > 0 && found.size() <= size && indexHasMore && refills < MAX_REFILLS) {
                        return filled(customerId, hours, afterCursor, size, wanted + unreadable, refills + 1);
                    }
                    return Mono.just(found);
                }));
    }

    private static Entry lastSent(String cursor) {
        Paging.TimePosition position = Paging.timePosition(cursor);
        return new Entry(position.id(), position.at());
    }

    /**
     * The first {@code wanted} entries after the cursor: reads whole hours, newest first, until it has them. An hour
     * holds only orders newer than every order of the hours before it, so once enough are found, none can be missing.
     */
    private Mono<List<Entry>> newest(String customerId, List<Long> hours, int from, int round,
                                     Predicate<Entry> afterCursor, int wanted, List<Entry> found) {
        if (found.size() >= wanted || from >= hours.size()) {
            return Mono.just(found.stream().sorted(Entry.NEWEST_FIRST).limit(wanted).toList());
        }
        List<String> buckets = hours.subList(from, Math.min(hours.size(), from + round)).stream()
                .map(hour -> CustomerOrderIndex.bucketId(customerId, hour)).toList();
        return mongo.find(Query.query(Criteria.where("_id").in(buckets)), Document.class, INDEX)
                .concatMapIterable(bucket -> bucket.getList(CustomerOrderIndex.ORDERS, Document.class))
                .map(Entry::of)
                .filter(afterCursor)
                .collectList()
                .flatMap(entries -> {
                    found.addAll(entries);
                    return newest(customerId, hours, from + buckets.size(), round * 2, afterCursor, wanted, found);
                });
    }

    private Mono<List<OrderView.Summary>> summaries(String customerId, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Mono.just(List.of());
        }
        Query query = Query.query(Criteria.where("_id").in(entries.stream().map(Entry::orderId).toList()));
        return mongo.find(query, Document.class, MyOrdersProjector.COLLECTION)
                .filter(order -> customerId.equals(order.getString("customerId")))
                .collectMap(order -> order.getString("_id"), Function.identity())
                .map(byId -> inListOrder(entries, byId));
    }

    private static List<OrderView.Summary> inListOrder(List<Entry> entries, Map<String, Document> byId) {
        return entries.stream().map(entry -> byId.get(entry.orderId())).filter(Objects::nonNull)
                .map(OrderView.Summary::of).collect(Collectors.toList());
    }
}

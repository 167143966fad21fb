package com.allinone.commerce.queryside.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.queryside.common.Page;
import com.allinone.commerce.readmodels.EmbeddedMongo;
import com.allinone.commerce.readmodels.order.CustomerOrderIndex;
import com.allinone.commerce.readmodels.order.MyOrdersProjector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * "My orders" paged from the per-customer index on the embedded MongoDB server (which serves only {@code _id}
 * lookups): newest first across many hours, ties broken by id, no order skipped or repeated while new ones arrive,
 * and only the caller's orders.
 */
class CustomerOrdersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-11-30T22:59:59.500Z");

    private static EmbeddedMongo embedded;
    private static ReactiveMongoTemplate mongo;
    private static CustomerOrders orders;

    private final String customer = "customer-" + UUID.randomUUID();

    @BeforeAll
    static void startServer() {
        embedded = new EmbeddedMongo();
        mongo = embedded.template("customer-orders-test");
        orders = new CustomerOrders(mongo);
    }

    @AfterAll
    static void stopServer() {
        embedded.close();
    }

    @Test
    void pagesGoNewestFirstAcrossHoursWithTiesInIdOrderAndEndWithoutACursor() {
        List<String> placed = new ArrayList<>();
        // 45 orders over about three days: some hours empty, several orders in one millisecond.
        for (int i = 0; i < 45; i++) {
            Instant at = START.plus(Duration.ofMinutes(97L * (i / 3)));
            placed.add(place(customer, "o-" + UUID.randomUUID(), at));
        }
        place("someone-else", "o-other-" + UUID.randomUUID(), START.plusSeconds(60));

        List<OrderView.Summary> listed = allPages(7);

        assertThat(listed).extracting(OrderView.Summary::orderId).containsExactlyElementsOf(newestFirst(placed));
    }

    @Test
    void ordersPlacedWhilePagingSortBeforeTheCursorSoNoneIsSkippedOrRepeated() {
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            placed.add(place(customer, "o-" + UUID.randomUUID(), START.plus(Duration.ofMinutes(40L * i))));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int round = 0;
        do {
            Page<OrderView.Summary> page = orders.page(customer, cursor, 4).block(WAIT);
            page.items().forEach(order -> seen.add(order.orderId()));
            cursor = page.nextCursor();
            // A new order arrives between two pages (newer than everything listed).
            place(customer, "o-new-" + round++, START.plus(Duration.ofDays(30)).plusSeconds(round));
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(newestFirst(placed));
    }

    @Test
    void anOrderWhoseDocumentIsNotWrittenYetIsLeftOutWithoutShorteningThePageOrEndingTheList() {
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            placed.add(place(customer, "o-" + UUID.randomUUID(), START.plus(Duration.ofMinutes(10L * i))));
        }
        // The projector has indexed the newest order, but its document is not written yet.
        new CustomerOrderIndex(mongo, MyOrdersProjector.COLLECTION)
                .add(customer, "o-unwritten", START.plus(Duration.ofDays(1)));

        Page<OrderView.Summary> first = orders.page(customer, null, 4).block(WAIT);

        assertThat(first.items()).extracting(OrderView.Summary::orderId)
                .containsExactlyElementsOf(newestFirst(placed).subList(0, 4));
        assertThat(first.nextCursor()).isNotNull();
        Page<OrderView.Summary> second = orders.page(customer, first.nextCursor(), 4).block(WAIT);
        assertThat(second.items()).extracting(OrderView.Summary::orderId)
                .containsExactlyElementsOf(newestFirst(placed).subList(4, 6));
    }

    @Test
    void aCustomerWithoutOrdersGetsAnEmptyPage() {
        Page<OrderView.Summary> page = orders.page("nobody-" + UUID.randomUUID(), null, 20).block(WAIT);
        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    private List<OrderView.Summary> allPages(int size) {
        List<OrderView.Summary> listed = new ArrayList<>();
        String cursor = null;
        do {
            Page<OrderView.Summary> page = orders.page(customer, cursor, size).block(WAIT);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
            listed.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return listed;
    }

    /** What the my-orders projector writes for a placed order: its document, and its entry in the index. */
    private static String place(String customerId, String orderId, Instant at) {
        mongo.insert(new Document("_id", orderId).append("customerId", customerId).append("status", "PLACED")
                .append("placedAt", Date.from(at)).append("lines", List.of(new Document("quantity", 1)))
                .append("units", 1).append("total", new Document("amount", 1000L).append("currency", "KRW")),
                MyOrdersProjector.COLLECTION).block(WAIT);
        new CustomerOrderIndex(mongo, MyOrdersProjector.COLLECTION).add(customerId, orderId, at);
        return orderId + "@" + at.toEpochMilli();
    }

    private static List<String> newestFirst(List<String> placed) {
        return placed.stream()
                .sorted(Comparator.comparing((String p) -> Long.parseLong(p.substring(p.indexOf('@') + 1)))
                        .reversed().thenComparing(p -> p.substring(0, p.indexOf('@'))))
                .map(p -> p.substring(0, p.indexOf('@')))
                .toList();
    }
}

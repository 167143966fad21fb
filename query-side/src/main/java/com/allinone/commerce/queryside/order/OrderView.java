package com.allinone.commerce.queryside.order;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** One order as its owner sees it (DESIGN §7). {@code version} is the Order event sequence the view has reached. */
public record OrderView(String orderId, String status, Instant placedAt, List<Map<String, Object>> lines, int units,
                        Map<String, Object> total, List<StatusChange> timeline, Map<String, Object> payment,
                        Map<String, Object> shipment, boolean cancellationRequested, String rejectionReason,
                        String cancellationReason, long version) {

    /** One status the order passed, when, and the Order event sequence that caused it (the SSE event id). */
    public record StatusChange(String status, Instant at, long sequence) {

        static StatusChange of(Document entry) {
            return new StatusChange(entry.getString("status"), entry.getDate("at").toInstant(),
                    ((Number) entry.get("sequence")).longValue());
        }
    }

    /** A line of "my orders": enough to list, the detail has the rest. */
    public record Summary(String orderId, String status, Instant placedAt, Map<String, Object> total, int lines,
                          int units) {

        static Summary of(Document order) {
            return new Summary(order.getString("_id"), order.getString("status"),
                    order.getDate("placedAt").toInstant(), plain(order.get("total", Document.class)),
                    order.getList("lines", Document.class).size(), unitsOf(order));
        }
    }

    static OrderView of(Document order) {
        return new OrderView(order.getString("_id"), order.getString("status"),
                order.getDate("placedAt").toInstant(),
                order.getList("lines", Document.class).stream().map(OrderView::plain).toList(),
                unitsOf(order),
                plain(order.get("total", Document.class)),
                timelineOf(order),
                plain(order.get("payment", Document.class)),
                plain(order.get("shipment", Document.class)),
                Boolean.TRUE.equals(order.getBoolean("cancellationRequested")),
                order.getString("rejectionReason"),
                order.getString("cancellationReason"),
                version(order));
    }

    /**
     * The items the order holds. A document projected before OrderPlaced carried units has none until the projection
     * is replayed; its lines give the same number.
     */
    static int unitsOf(Document order) {
        return order.get("units") instanceof Number units ? units.intValue()
                : order.getList("lines", Document.class).stream()
                        .mapToInt(line -> ((Number) line.get("quantity")).intValue()).sum();
    }

    static List<StatusChange> timelineOf(Document order) {
        return order.getList("timeline", Document.class).stream().map(StatusChange::of).toList();
    }

    static long version(Document order) {
        Document seq = order.get("seq", Document.class);
        return seq == null ? -1 : ((Number) seq.get("order")).longValue();
    }

    /** A stored sub-document as plain JSON values (dates as instants). */
    static Map<String, Object> plain(Document document) {
        if (document == null) {
            return null;
        }
        Map<String, Object> plain = new LinkedHashMap<>();
        document.forEach((key, value) -> plain.put(key, value instanceof Document nested ? plain(nested)
                : value instanceof Date date ? date.toInstant() : value));
        return plain;
    }
}

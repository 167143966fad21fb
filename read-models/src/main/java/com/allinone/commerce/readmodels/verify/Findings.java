package com.allinone.commerce.readmodels.verify;

import com.allinone.commerce.readmodels.verify.ReadModelReport.Mismatch;
import com.allinone.commerce.readmodels.verify.ReadModelReport.Sample;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What a check found, counted in full and named up to the report's limits, so its memory stays bounded. */
final class Findings {

    private final Named lagging = new Named(ReadModelReport.LISTED_IN_MOTION);
    private final Named ahead = new Named(ReadModelReport.LISTED_IN_MOTION);
    private final Named missing = new Named(ReadModelReport.LISTED);
    private final Named extra = new Named(ReadModelReport.LISTED);
    private final List<Mismatch> mismatches = new ArrayList<>();
    private long mismatchCount;

    void lagging(String orderId) {
        lagging.add(orderId);
    }

    void ahead(String orderId) {
        ahead.add(orderId);
    }

    void missing(String orderId) {
        missing.add(orderId);
    }

    void extra(String orderId) {
        extra.add(orderId);
    }

    /** @param expected asked only for a mismatch the report names (it may read the order's events again) */
    void mismatch(String orderId, String field, Supplier<Object> expected, Object actual) {
        mismatchCount++;
        if (mismatches.size() < ReadModelReport.LISTED) {
            mismatches.add(new Mismatch(orderId, field, plain(expected.get()), plain(actual)));
        }
    }

    boolean anyWrong() {
        return mismatchCount > 0 || missing.count > 0 || extra.count > 0;
    }

    Sample lagging() {
        return lagging.sample();
    }

    Sample ahead() {
        return ahead.sample();
    }

    Sample missing() {
        return missing.sample();
    }

    Sample extra() {
        return extra.sample();
    }

    long mismatchCount() {
        return mismatchCount;
    }

    List<Mismatch> mismatches() {
        return List.copyOf(mismatches);
    }

    /**
     * A document's value as plain JSON: a broken document may hold any BSON type (an ObjectId, a Decimal128), and the
     * report must still render. Maps, lists, strings, booleans, whole numbers and doubles stay; dates become instants;
     * anything else its text.
     */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, inner) -> copy.put(String.valueOf(key), plain(inner)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Findings::plain).toList();
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        return value.toString();
    }

    private static final class Named {
        private final int limit;
        private final List<String> orderIds = new ArrayList<>();
        private long count;

        Named(int limit) {
            this.limit = limit;
        }

        void add(String orderId) {
            count++;
            if (orderIds.size() < limit) {
                orderIds.add(orderId);
            }
        }

        Sample sample() {
            return new Sample(count, List.copyOf(orderIds));
        }
    }
}

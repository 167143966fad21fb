package com.allinone.commerce.queryside.common;

import com.allinone.commerce.api.common.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Page sizes and cursors. {@code limit} defaults to 20 and is capped at 100 (DESIGN §7). A cursor is an opaque
 * keyset position (the sort key of the last item sent): paging by it never skips or repeats an item while new ones
 * arrive, which an offset would.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final String VERSION = "v1";
    private static final char SEPARATOR = '\n';

    private Paging() {
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1) {
            throw new InvalidValueException("limit", "must be at least 1");
        }
        return Math.min(requested, MAX_LIMIT);
    }

    public static String cursor(String... position) {
        String raw = VERSION + SEPARATOR + String.join(String.valueOf(SEPARATOR), position);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for, which must have {@code parts} parts; a 400 naming {@code cursor} otherwise. */
    public static List<String> position(String cursor, int parts) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> fields = List.of(raw.split(String.valueOf(SEPARATOR), -1));
            if (fields.size() == parts + 1 && VERSION.equals(fields.get(0))) {
                return fields.subList(1, fields.size());
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        throw new InvalidValueException("cursor", "is not a cursor this API handed out");
    }

    /** The order of a list paged by a time, then by id: newest or oldest first, the id breaking ties. */
    public static Sort byTimeThenId(String timeField, boolean newestFirst) {
        return Sort.by(newestFirst ? Sort.Order.desc(timeField) : Sort.Order.asc(timeField), Sort.Order.asc("_id"));
    }

    /** The cursor after an item of a list sorted {@link #byTimeThenId by time, then id}. */
    public static String timeCursor(Instant at, String id) {
        return cursor(String.valueOf(at.toEpochMilli()), id);
    }

    /** The items after a {@link #timeCursor time cursor} in a list sorted {@link #byTimeThenId by time, then id}. */
    public static Criteria afterTimeCursor(String cursor, String timeField, boolean newestFirst) {
        TimePosition position = timePosition(cursor);
        Date at = Date.from(position.at());
        Criteria beyond = newestFirst ? Criteria.where(timeField).lt(at) : Criteria.where(timeField).gt(at);
        return new Criteria().orOperator(beyond, Criteria.where(timeField).is(at).and("_id").gt(position.id()));
    }

    /** Where a {@link #timeCursor time cursor} stands: the time and id of the last item sent. */
    public record TimePosition(Instant at, String id) {
    }

    public static TimePosition timePosition(String cursor) {
        List<String> position = position(cursor, 2);
        return new TimePosition(Instant.ofEpochMilli(epochMillis(position.get(0))), position.get(1));
    }

    private static long epochMillis(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("cursor", "is not a cursor this API handed out");
        }
    }

    /** Fetch one more than the page holds: whether it came back says if there is a next page. */
    public static <T> Page<T> page(List<T> fetched, int limit, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
    }
}

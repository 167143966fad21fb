package com.allinone.commerce.standalone;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.UUID;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded MongoDB server's unique-index maps ({@code _id} and the others): H2's own
 * {@link ObjectDataType}, in the same order and the same bytes on disk, but a key's serialized form is computed once
 * per key object instead of twice per comparison.
 *
 * <p>Written by hand because neither library offers it: H2 orders objects it does not know (mongo-java-server's
 * {@link KeyValue}) by Java-serializing both on every comparison, so each {@code _id} lookup serialized some 30 keys:
 * about a tenth of the app's CPU on the my-orders page and much of the read-model writes' cost. The order here is the
 * one H2 computes, by construction (the same serialized bytes, compared the same way), so a file written before
 * reads the same after. Only keys whose values cannot change are remembered; any other key is compared as before.
 */
final class SerializedOnceKeyType extends ObjectDataType {

    /** By identity, as long as the key is referenced (by a page in H2's cache, or by the query comparing it). */
    private static final Cache<KeyValue, byte[]> SERIALIZED = Caffeine.newBuilder()
            .weakKeys()
            .maximumSize(2_000_000)
            .build();

    @Override
    public int compare(Object a, Object b) {
        if (a != b && a instanceof KeyValue left && b instanceof KeyValue right) {
            return compareNotNull(serialized(left), serialized(right));
        }
        return super.compare(a, b);
    }

    private static byte[] serialized(KeyValue key) {
        return immutable(key) ? SERIALIZED.get(key, ObjectDataType::serialize) : serialize(key);
    }

    private static boolean immutable(KeyValue key) {
        for (Object value : key) {
            if (!(value == null || value instanceof String || value instanceof Long || value instanceof Integer
                    || value instanceof Double || value instanceof Boolean || value instanceof UUID)) {
                return false;
            }
        }
        return true;
    }
}

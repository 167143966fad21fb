package com.allinone.commerce.standalone;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded MongoDB server's index maps (the {@code _id} index above all): H2's own
 * {@link ObjectDataType}, with the same bytes on disk and the same order, made cheap to compare.
 *
 * <p>Why: an index key ({@link KeyValue}) is neither a type H2 knows nor {@link Comparable}, so H2 orders two keys by
 * serializing both with Java serialization on every comparison; an {@code _id} lookup in a collection of 50,000
 * documents serializes about thirty keys. Measured with JFR under a flash sale, that was half of the embedded
 * server's CPU and a seventh of the whole standalone's. Here each key is serialized once and its bytes are kept while
 * the key object lives (identity, weakly held, bounded), so the order is exactly H2's and files written before or
 * after this type read the same. Written by hand: neither library offers a faster index key type for this backend.
 */
final class IndexKeyType extends ObjectDataType {

    /** Keys of the pages H2 holds in its cache, plus the keys of lookups in flight; identity keys, weakly held. */
    private static final Cache<Object, byte[]> SERIALIZED = Caffeine.newBuilder()
            .weakKeys()
            .maximumSize(500_000)
            .build();

    @Override
    public int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a instanceof KeyValue && b instanceof KeyValue) {
            // What H2's serialized-object type does for two non-Comparable keys, minus the repeated serialization.
            return compareNotNull(serialized(a), serialized(b));
        }
        return super.compare(a, b);
    }

    private static byte[] serialized(Object key) {
        return SERIALIZED.get(key, ObjectDataType::serialize);
    }
}

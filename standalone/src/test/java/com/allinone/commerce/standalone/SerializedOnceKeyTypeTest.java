package com.allinone.commerce.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/** The faster key type orders index keys exactly as H2's own type does, so files written by either read the same. */
class SerializedOnceKeyTypeTest {

    private final ObjectDataType h2 = new ObjectDataType();
    private final SerializedOnceKeyType fast = new SerializedOnceKeyType();

    @Test
    void ordersEveryPairOfKeysAsH2Does() {
        Random random = new Random(42);
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(new KeyValue(randomValue(random)));
            keys.add(new KeyValue(randomValue(random), randomValue(random)));
        }
        // A key holding a document is compared as before (not remembered: a document can change).
        keys.add(new KeyValue(new Document("a", 1)));
        keys.add(42L);
        keys.add("plain");

        for (Object a : keys) {
            for (Object b : keys) {
                assertThat(Integer.signum(fast.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(h2.compare(a, b)));
                // Asked again, now from the remembered form.
                assertThat(Integer.signum(fast.compare(a, b))).isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
    }

    @Test
    void equalKeysThatAreDifferentObjectsCompareEqual() {
        String id = UUID.randomUUID().toString();
        assertThat(fast.compare(new KeyValue(id), new KeyValue(id))).isZero();
        assertThat(fast.compare(new KeyValue(id), new KeyValue(id + "x"))).isNotZero();
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> UUID.randomUUID().toString();
            case 1 -> "order-" + random.nextInt(1000);
            case 2 -> (long) random.nextInt(2000) - 1000;
            case 3 -> random.nextInt(50);
            case 4 -> random.nextBoolean();
            default -> null;
        };
    }
}

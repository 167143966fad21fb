package com.allinone.commerce.sagas.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StockReconcilerTest {

    @Test
    void countersThatAddUpAndAreNotNegativeBalance() {
        var sku = StockReconciler.compare(new SkuCounters("S", 10, 4, 5, 1), new SkuCounters("S", 10, 4, 5, 1));

        assertThat(sku.balanced()).isTrue();
        assertThat(sku.drift()).isFalse();
        assertThat(sku.problems()).isEmpty();
    }

    @Test
    void negativeAvailableUnitsDoNotBalanceEvenWhenTheIdentityHolds() {
        // Issue 9: 10 held by orders, then an adjustment of -10 took them: 0 = -10 + 10 + 0.
        SkuCounters taken = new SkuCounters("S", 0, -10, 10, 0);

        var sku = StockReconciler.compare(taken, taken);

        assertThat(sku.balanced()).isFalse();
        assertThat(sku.drift()).isFalse();
        assertThat(sku.problems()).containsExactly("event store: available is negative (-10)",
                "redis: available is negative (-10)");
    }

    @Test
    void aBrokenIdentityOnEitherSideDoesNotBalance() {
        var redisBroken = StockReconciler.compare(new SkuCounters("S", 10, 5, 5, 0), new SkuCounters("S", 10, 6, 5, 0));
        var eventsBroken = StockReconciler.compare(new SkuCounters("S", 10, 6, 5, 0), new SkuCounters("S", 10, 5, 5, 0));

        assertThat(redisBroken.balanced()).isFalse();
        assertThat(redisBroken.problems()).singleElement().asString().startsWith("redis: received (10)");
        assertThat(eventsBroken.balanced()).isFalse();
        assertThat(eventsBroken.problems()).singleElement().asString().startsWith("event store: received (10)");
        assertThat(new SkuCounters("S", 1, 2, -1, 0).problems()).containsExactly("held is negative (-1)");
        assertThat(new SkuCounters("S", -1, 0, 0, -1).problems()).containsExactly("committed is negative (-1)");
    }
}

package com.allinone.commerce.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void holdsAnAmountInTheCurrencysMinorUnit() {
        Money price = Money.of(129_000, "KRW");

        assertThat(price.amount()).isEqualTo(129_000);
        assertThat(price.currency()).isEqualTo("KRW");
    }

    @Test
    void zeroIsAnAmountButNotAPositiveOne() {
        assertThat(Money.of(0, "KRW").isPositive()).isFalse();
        assertThat(Money.of(1, "KRW").isPositive()).isTrue();
    }

    @Test
    void rejectsANegativeAmount() {
        assertThatThrownBy(() -> Money.of(-1, "KRW"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "KR", "KRWW", "ABC", "krw"})
    void rejectsAnythingButAKnownIsoCurrencyCode(String currency) {
        assertThatThrownBy(() -> Money.of(100, currency))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("currency"));
    }

    @Test
    void multipliesByAQuantity() {
        assertThat(Money.of(12_000, "KRW").times(3)).isEqualTo(Money.of(36_000, "KRW"));
    }

    @Test
    void addsAmountsOfTheSameCurrency() {
        assertThat(Money.of(12_000, "KRW").plus(Money.of(500, "KRW"))).isEqualTo(Money.of(12_500, "KRW"));
    }

    @Test
    void refusesToAddAmountsOfDifferentCurrencies() {
        assertThatThrownBy(() -> Money.of(12_000, "KRW").plus(Money.of(5, "USD")))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("currency"));
    }

    @Test
    void failsRatherThanOverflowing() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "KRW").times(2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "KRW").plus(Money.of(1, "KRW")))
                .isInstanceOf(ArithmeticException.class);
    }
}

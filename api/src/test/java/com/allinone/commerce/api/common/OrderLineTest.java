package com.allinone.commerce.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderLineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 999})
    void acceptsOneTo999Units(int quantity) {
        assertThat(new OrderLine("MUG-01", quantity).quantity()).isEqualTo(quantity);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1000})
    void rejectsAQuantityOutside1To999(int quantity) {
        assertThatThrownBy(() -> new OrderLine("MUG-01", quantity))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("quantity"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "-MUG", "MUG 01", "MUG/01"})
    void rejectsASkuThatIsNotSafeCharactersStartingWithALetterOrDigit(String sku) {
        assertThatThrownBy(() -> new OrderLine(sku, 1))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("sku"));
    }

    @Test
    void acceptsASkuOfUpTo64Characters() {
        assertThat(new OrderLine("M".repeat(64), 1).sku()).hasSize(64);
        assertThatThrownBy(() -> new OrderLine("M".repeat(65), 1))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("sku"));
    }
}

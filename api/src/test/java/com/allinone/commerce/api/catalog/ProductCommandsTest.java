package com.allinone.commerce.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.allinone.commerce.api.common.InvalidValueException;
import com.allinone.commerce.api.common.Money;
import org.junit.jupiter.api.Test;

class ProductCommandsTest {

    private static final Money PRICE = Money.of(12_000, "KRW");

    @Test
    void createsAProductWithTrimmedTextAndNoBlankDescription() {
        CreateProduct command = new CreateProduct("MUG-01", " Mug ", "  ", "kitchen ", PRICE);

        assertThat(command).isEqualTo(new CreateProduct("MUG-01", "Mug", null, "kitchen", PRICE));
    }

    @Test
    void aProductMustCostMoreThanNothing() {
        assertThatThrownBy(() -> new CreateProduct("MUG-01", "Mug", null, "kitchen", Money.of(0, "KRW")))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("price.amount"));
        assertThatThrownBy(() -> new ChangeProductPrice("MUG-01", Money.of(0, "KRW")))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("price.amount"));
    }

    @Test
    void aProductNeedsAPrice() {
        assertThatThrownBy(() -> new CreateProduct("MUG-01", "Mug", null, "kitchen", null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("price"));
        assertThatThrownBy(() -> new ChangeProductPrice("MUG-01", null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("price"));
    }

    @Test
    void aProductNeedsANameAndACategory() {
        assertThatThrownBy(() -> new CreateProduct("MUG-01", " ", null, "kitchen", PRICE))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> new CreateProduct("MUG-01", "Mug", null, null, PRICE))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("category"));
    }

    @Test
    void rejectsAnInvalidSku() {
        assertThatThrownBy(() -> new CreateProduct("mug 01", "Mug", null, "kitchen", PRICE))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("sku"));
        assertThatThrownBy(() -> new DiscontinueProduct(""))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("sku"));
    }
}

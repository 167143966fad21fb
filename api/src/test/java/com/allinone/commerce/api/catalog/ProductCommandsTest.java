package com.allinone.commerce.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.allinone.commerce.api.common.InvalidValueException;
import com.allinone.commerce.api.common.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XSU", "XUA"})
    void aProductIsPricedInMoneyNotInCodesWithoutAMinorUnit(String currency) {
        Money price = Money.of(100, currency); // a valid ISO 4217 code, so it can still be read from stored events

        assertThatThrownBy(() -> new CreateProduct("MUG-01", "Mug", null, "kitchen", price))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("price.currency"));
        assertThatThrownBy(() -> new ChangeProductPrice("MUG-01", price))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("price.currency"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KRW", "USD", "EUR", "JPY", "BHD"})
    void anyCurrencyWithAMinorUnitPricesAProduct(String currency) {
        assertThat(new ChangeProductPrice("MUG-01", Money.of(100, currency)).price().currency()).isEqualTo(currency);
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

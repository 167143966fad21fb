package com.allinone.commerce.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShippingAddressTest {

    @Test
    void keepsAnAddressTrimmedWithAnUpperCaseCountryCode() {
        ShippingAddress address = new ShippingAddress(" Alice Kim ", "1 Sejong-daero ", "Apt 2", " Seoul", "04524", "kr");

        assertThat(address).isEqualTo(new ShippingAddress("Alice Kim", "1 Sejong-daero", "Apt 2", "Seoul", "04524", "KR"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankSecondLineIsNoSecondLine(String line2) {
        assertThat(new ShippingAddress("Alice Kim", "1 Sejong-daero", line2, "Seoul", "04524", "KR").line2()).isNull();
    }

    @Test
    void namesEachMissingRequiredField() {
        assertThatThrownBy(() -> new ShippingAddress(" ", "1 Sejong-daero", null, "Seoul", "04524", "KR"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> new ShippingAddress("Alice Kim", null, null, "Seoul", "04524", "KR"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("line1"));
        assertThatThrownBy(() -> new ShippingAddress("Alice Kim", "1 Sejong-daero", null, "", "04524", "KR"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("city"));
        assertThatThrownBy(() -> new ShippingAddress("Alice Kim", "1 Sejong-daero", null, "Seoul", null, "KR"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("postalCode"));
    }

    @Test
    void rejectsAPostalCodeLongerThan20Characters() {
        assertThatThrownBy(() -> new ShippingAddress("Alice Kim", "1 Sejong-daero", null, "Seoul", "0".repeat(21), "KR"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("postalCode"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KOR", "ZZ", "K", " "})
    void rejectsACountryThatIsNotAnIsoAlpha2Code(String country) {
        assertThatThrownBy(() -> new ShippingAddress("Alice Kim", "1 Sejong-daero", null, "Seoul", "04524", country))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("country"));
    }
}

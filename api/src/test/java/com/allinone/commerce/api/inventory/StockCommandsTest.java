package com.allinone.commerce.api.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.allinone.commerce.api.common.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StockCommandsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 1_000_000})
    void receivesOneToAMillionUnits(int quantity) {
        assertThat(new ReceiveStock("MUG-01", quantity, "purchase order", "receipt-1").quantity()).isEqualTo(quantity);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1_000_001})
    void rejectsAReceiptOutsideOneToAMillionUnits(int quantity) {
        assertThatThrownBy(() -> new ReceiveStock("MUG-01", quantity, "purchase order", "receipt-1"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("quantity"));
    }

    @Test
    void aReceiptNeedsAReasonAndAnId() {
        assertThatThrownBy(() -> new ReceiveStock("MUG-01", 1, " ", "receipt-1"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThatThrownBy(() -> new ReceiveStock("MUG-01", 1, "purchase order", null))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("receiptId"));
    }

    @Test
    void stockCommandsRouteToTheSkusInventoryStream() {
        assertThat(new ReceiveStock("MUG-01", 1, "purchase order", "receipt-1").inventoryId())
                .isEqualTo("inventory:MUG-01");
        assertThat(new AdjustStock("MUG-01", -1, "damaged", "adjustment-1").inventoryId())
                .isEqualTo("inventory:MUG-01");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1_000_000, -1, 1, 1_000_000})
    void adjustsByANonZeroDeltaOfEitherSign(int delta) {
        assertThat(new AdjustStock("MUG-01", delta, "count", "adjustment-1").delta()).isEqualTo(delta);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1_000_001, 1_000_001})
    void rejectsAZeroOrOutOfRangeAdjustment(int delta) {
        assertThatThrownBy(() -> new AdjustStock("MUG-01", delta, "count", "adjustment-1"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("delta"));
    }
}

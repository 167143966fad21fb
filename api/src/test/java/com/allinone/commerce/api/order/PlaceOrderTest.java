package com.allinone.commerce.api.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.allinone.commerce.api.common.InvalidValueException;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.ShippingAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlaceOrderTest {

    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Alice Kim", "1 Sejong-daero", null, "Seoul", "04524", "KR");

    private static PlaceOrder placeOrder(List<OrderLine> lines) {
        return new PlaceOrder("order-1", "alice", lines, ADDRESS, "hash-1");
    }

    private static void assertRejectedNaming(String field, Runnable construction) {
        assertThatThrownBy(construction::run)
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void keepsItsOwnCopyOfTheLines() {
        List<OrderLine> lines = new ArrayList<>(List.of(new OrderLine("MUG-01", 2)));
        PlaceOrder command = placeOrder(lines);

        lines.add(new OrderLine("TEE-02", 1));

        assertThat(command.lines()).containsExactly(new OrderLine("MUG-01", 2));
    }

    @Test
    void rejectsAnOrderWithoutLines() {
        assertRejectedNaming("lines", () -> placeOrder(List.of()));
        assertRejectedNaming("lines", () -> placeOrder(null));
    }

    @Test
    void rejectsASecondLineForTheSameSkuNamingIt() {
        assertRejectedNaming("lines[2].sku", () -> placeOrder(List.of(
                new OrderLine("MUG-01", 1), new OrderLine("TEE-02", 1), new OrderLine("MUG-01", 3))));
    }

    @Test
    void rejectsAMissingLineNamingIt() {
        assertRejectedNaming("lines[1]", () -> placeOrder(Arrays.asList(new OrderLine("MUG-01", 1), null)));
    }

    @Test
    void acceptsUpTo100LinesAndNoMore() {
        List<OrderLine> hundred = IntStream.rangeClosed(1, PlaceOrder.MAX_LINES)
                .mapToObj(i -> new OrderLine("SKU-" + i, 1)).toList();
        List<OrderLine> hundredAndOne = new ArrayList<>(hundred);
        hundredAndOne.add(new OrderLine("SKU-101", 1));

        assertThat(placeOrder(hundred).lines()).hasSize(100);
        assertRejectedNaming("lines", () -> placeOrder(hundredAndOne));
    }

    @Test
    void requiresACustomerAnAddressAndARequestHash() {
        List<OrderLine> lines = List.of(new OrderLine("MUG-01", 1));

        assertRejectedNaming("customerId", () -> new PlaceOrder("order-1", " ", lines, ADDRESS, "hash-1"));
        assertRejectedNaming("shippingAddress", () -> new PlaceOrder("order-1", "alice", lines, null, "hash-1"));
        assertRejectedNaming("requestHash", () -> new PlaceOrder("order-1", "alice", lines, ADDRESS, null));
    }
}

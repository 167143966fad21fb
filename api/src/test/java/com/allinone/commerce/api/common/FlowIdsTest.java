package com.allinone.commerce.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowIdsTest {

    @Test
    void theSameCustomerAndKeyAlwaysNameTheSameOrder() {
        assertThat(FlowIds.orderId("alice", "key-1")).isEqualTo(FlowIds.orderId("alice", "key-1"));
    }

    @Test
    void anotherCustomersKeyNeverReachesTheOrder() {
        assertThat(FlowIds.orderId("alice", "key-1")).isNotEqualTo(FlowIds.orderId("bob", "key-1"));
    }

    @Test
    void anotherKeyOfTheSameCustomerNamesAnotherOrder() {
        assertThat(FlowIds.orderId("alice", "key-1")).isNotEqualTo(FlowIds.orderId("alice", "key-2"));
    }

    @Test
    void aSeparatorInsideTheCustomerIdCannotMakeTwoRequestsCollide() {
        assertThat(FlowIds.orderId("a:b", "c")).isNotEqualTo(FlowIds.orderId("a", "b:c"));
    }

    @Test
    void theOrdersPaymentAndShipmentAreNamedAfterItAndApartFromIt() {
        String orderId = FlowIds.orderId("alice", "key-1");

        assertThat(FlowIds.paymentId(orderId)).isEqualTo(FlowIds.paymentId(orderId));
        assertThat(FlowIds.shipmentId(orderId)).isEqualTo(FlowIds.shipmentId(orderId));
        assertThat(Set.of(orderId, FlowIds.paymentId(orderId), FlowIds.shipmentId(orderId))).hasSize(3);
    }

    @Test
    void theInventoryStreamIsNotTheProductStream() {
        assertThat(FlowIds.inventoryId("MUG-01")).isEqualTo("inventory:MUG-01").isNotEqualTo("MUG-01");
    }
}

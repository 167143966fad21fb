package com.allinone.commerce.commandside.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.PricedLine;
import com.allinone.commerce.api.common.ShippingAddress;
import com.allinone.commerce.api.inventory.StockAdjusted;
import com.allinone.commerce.api.inventory.StockReceived;
import com.allinone.commerce.api.order.OrderConfirmed;
import com.allinone.commerce.api.order.OrderPaid;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderStockReserved;
import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import com.allinone.commerce.commandside.inventory.Inventory;
import com.allinone.commerce.commandside.order.Order;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Past states folded by the real aggregate classes, from an in-memory event store. */
class PastStatesTest {

    private static final String ORDER = "order-1";
    private static final String SKU = "SKU-1";
    private static final Instant PLACED_AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final Money UNIT = Money.of(129_000, "KRW");

    private Configuration axon;
    private PastStates states;

    @BeforeEach
    void anOrderAndAStockWithHistories() throws Exception {
        // false: no Axon Server connector found on the class path, only what is configured here
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Order.class)
                .configureAggregate(Inventory.class)
                .buildConfiguration();
        axon.start();
        states = new PastStates(axon.eventStore(), axon, UninterruptibleWork.pool("test-folds", 1));

        OrderLine twoUnits = new OrderLine(SKU, 2);
        store("Order", ORDER, PLACED_AT,
                new OrderPlaced(ORDER, "alice", List.of(PricedLine.of(twoUnits, UNIT)), UNIT.times(2),
                        new ShippingAddress("Kim Minji", "1 Sejong-daero", null, "Seoul", "04524", "KR"), "hash",
                        true, 2),
                new OrderStockReserved(ORDER, List.of(twoUnits)),
                new OrderPaid(ORDER, FlowIds.paymentId(ORDER)),
                new OrderConfirmed(ORDER));
        store("Inventory", FlowIds.inventoryId(SKU), PLACED_AT.minusSeconds(60),
                new StockReceived(SKU, 10, "initial", "r-1"), new StockAdjusted(SKU, -3, "broken", "a-1"));
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        states.close();
        axon.shutdown();
    }

    @Test
    void versionZeroIsTheOrderJustPlaced() {
        PastState placed = stateOf(ORDER, PointInHistory.parse(null, "0"));

        assertThat(placed.aggregateType()).isEqualTo("Order");
        assertThat(placed.version()).isZero();
        assertThat(placed.timestamp()).isEqualTo(PLACED_AT);
        assertThat(placed.state().get("status").asText()).isEqualTo("PLACED");
        assertThat(placed.state().get("customerId").asText()).isEqualTo("alice");
        assertThat(placed.state().get("stockReserved").asBoolean()).isFalse();
        assertThat(placed.state().get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
    }

    @Test
    void withoutAPointTheStateIsTheLatest() {
        PastState latest = stateOf(ORDER, PointInHistory.parse(null, null));

        assertThat(latest.version()).isEqualTo(3);
        assertThat(latest.state().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(latest.state().get("paid").asBoolean()).isTrue();
    }

    @Test
    void anInstantFoldsWhatWasStoredByThen() {
        PastState afterTwoSeconds = stateOf(ORDER, PointInHistory.parse(PLACED_AT.plusMillis(1500).toString(), null));

        assertThat(afterTwoSeconds.version()).isEqualTo(1);
        assertThat(afterTwoSeconds.timestamp()).isEqualTo(PLACED_AT.plusSeconds(1));
        assertThat(afterTwoSeconds.state().get("status").asText()).isEqualTo("STOCK_RESERVED");
    }

    @Test
    void anyAggregateFoldsByItsOwnRules() {
        PastState stock = stateOf(FlowIds.inventoryId(SKU), PointInHistory.parse(null, null));

        assertThat(stock.aggregateType()).isEqualTo("Inventory");
        JsonNode state = stock.state();
        assertThat(state.get("onHand").asLong()).isEqualTo(7);
        assertThat(state.get("sku").asText()).isEqualTo(SKU);
    }

    @Test
    void beforeItsFirstEventTheAggregateDidNotExist() {
        assertNotFound(ORDER, PointInHistory.parse(PLACED_AT.minusMillis(1).toString(), null), "did not exist yet");
    }

    @Test
    void aVersionNotReachedYetIsNotFound() {
        assertNotFound(ORDER, PointInHistory.parse(null, "4"), "latest is version 3");
    }

    @Test
    void anUnknownAggregateIsNotFound() {
        assertNotFound("no-such-order", PointInHistory.parse(null, null), "No aggregate");
    }

    private PastState stateOf(String aggregateId, PointInHistory point) {
        return states.at(aggregateId, point).block(Duration.ofSeconds(10));
    }

    private void assertNotFound(String aggregateId, PointInHistory point, String detail) {
        assertThatThrownBy(() -> stateOf(aggregateId, point))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
                    assertThat(e.getBody().getDetail()).contains(detail);
                });
    }

    /** Events one second apart from {@code first}, as the aggregate's repository would have stored them. */
    private void store(String type, String aggregateId, Instant first, Object... events) {
        AtomicLong sequence = new AtomicLong();
        for (Object event : events) {
            long n = sequence.getAndIncrement();
            axon.eventStore().publish(new GenericDomainEventMessage<>(type, aggregateId, n, event,
                    MetaData.emptyInstance(), aggregateId + "-" + n, first.plusSeconds(n)));
        }
    }
}

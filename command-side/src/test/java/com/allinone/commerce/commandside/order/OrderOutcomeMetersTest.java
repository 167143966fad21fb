package com.allinone.commerce.commandside.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.order.OrderConfirmed;
import com.allinone.commerce.api.order.OrderRejected;
import com.allinone.commerce.api.order.RejectionReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class OrderOutcomeMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OrderOutcomeMeters meters = new OrderOutcomeMeters(registry);

    @Test
    void countsAnOutcomeOnlyOnceItsUnitOfWorkHasCommitted() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
                GenericEventMessage.asEventMessage(new OrderConfirmed("o-1")));
        meters.on(new OrderConfirmed("o-1"));
        assertThat(registry.get(OrderOutcomeMeters.CONFIRMED).counter().count()).isZero();

        unitOfWork.commit();

        assertThat(registry.get(OrderOutcomeMeters.CONFIRMED).counter().count()).isEqualTo(1.0);
    }

    @Test
    void neverCountsAnEventWhoseUnitOfWorkRolledBack() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
                GenericEventMessage.asEventMessage(new OrderRejected("o-2", RejectionReason.OUT_OF_STOCK)));
        meters.on(new OrderRejected("o-2", RejectionReason.OUT_OF_STOCK));

        unitOfWork.rollback();

        assertThat(registry.get(OrderOutcomeMeters.REJECTED).tag("reason", "OUT_OF_STOCK").counter().count())
                .isZero();
    }

    @Test
    void everyReasonHasASeriesBeforeItFirstHappens() {
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(registry.get(OrderOutcomeMeters.REJECTED).tag("reason", reason.name()).counter().count())
                    .isZero();
        }
    }
}

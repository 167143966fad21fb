package com.allinone.commerce.sagas.order;

import com.allinone.commerce.axonconfig.metrics.SampledGauges;
import io.micrometer.core.instrument.Tags;
import java.util.Objects;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@value #METER}: order flows that have started and not yet ended (a saga ends once its order is delivered,
 * rejected or cancelled and its stock and payment are settled): the live rows of the SQL saga store, the command
 * node's only saga type. Counted on the sampler's thread; the cache in front of the store writes through, so SQL
 * knows every live flow.
 */
public final class FlowsInProgress {

    public static final String METER = "commerce.flows.in.progress";

    /** Registers the gauge with the node's sampler. */
    public FlowsInProgress(SampledGauges gauges, JdbcTemplate jdbc) {
        String count = "SELECT COUNT(*) FROM " + new SagaSchema().sagaEntryTable();
        gauges.register(METER, "Order flows started and not yet ended", Tags.empty(),
                () -> Objects.requireNonNull(jdbc.queryForObject(count, Long.class)));
    }
}

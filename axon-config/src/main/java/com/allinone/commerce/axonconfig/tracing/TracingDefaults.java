package com.allinone.commerce.axonconfig.tracing;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing settings every node starts with, at the lowest precedence so any property or environment variable wins.
 * <ul>
 *   <li>Every request is traced ({@code MANAGEMENT_TRACING_SAMPLING_PROBABILITY}, Boot's default is 0.1): an order
 *       flow is rare enough next to reads that all of it is worth keeping; lower it where volume demands.</li>
 *   <li>Event processors (sagas, projectors) handle an event in the trace that published it, not in a trace of
 *       their own linked to it, so one trace follows an order from the HTTP request to its read models. Axon still
 *       starts a linked trace for events older than its time limit (2 minutes): a replay is not the request's work.
 *   </li>
 *   <li>Reactor's context propagation is {@code limited}, not {@code auto}: {@code auto} copies every context entry
 *       into thread locals and back around every operator of every request, which halved the storefront's product
 *       page and the sold-out door here (wrk, product page: 1,900/s with {@code auto}, 3,500/s with {@code limited},
 *       and 5,200-6,500/s once Spring Security's observations were off too, against 8,200/s before observability).
 *       Where the trace is needed it is taken from the Reactor context explicitly: problem responses
 *       ({@code TraceIds}), command dispatch ({@code CommandSender}), the participants' answers
 *       ({@code SagaCommands}); handlers of commands and events run with the trace on their thread anyway.</li>
 * </ul>
 * Spans are exported only when {@code MANAGEMENT_OTLP_TRACING_ENDPOINT} is set: Boot declares its OTLP exporter
 * only for that property, so without it nothing is sent anywhere (and nothing is logged about it).
 */
public class TracingDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE = "commerceTracingDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, Map.of(
                "management.tracing.sampling.probability", "1.0",
                "axon.tracing.event-processor.distributed-in-same-trace", "true",
                "spring.reactor.context-propagation", "limited")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

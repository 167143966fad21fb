package com.allinone.commerce.axonconfig.tracing;

import com.allinone.commerce.axonconfig.logging.FlowLogContext;
import com.allinone.commerce.axonconfig.logging.RequestUserLogContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * One trace per order flow, on every node: WebFlux's request observation (Micrometer Tracing over OpenTelemetry,
 * Spring Boot's auto-configuration) is the parent of Axon's spans for the command, the events it publishes, and every
 * saga step and projector that handles them. Axon carries the trace context in message metadata ({@code
 * traceparent}), so the trace also crosses processes through Axon Server.
 *
 * <p>Axon's span factory is {@code axon-tracing-opentelemetry} 4.12.2 on Axon 4.13.0: that module is not published
 * for 4.13.0, its 4.13.0 sources are identical to 4.12.2's (only the pom's version differs) and the tracing API it
 * implements ({@code org.axonframework.tracing}) did not change between the two. Axon 4.13 has no span factory
 * built on Micrometer Observation (that arrived with Axon 5's {@code axoniq-tracing-micrometer}, which needs Axon 5).
 * The factory is given Boot's OpenTelemetry SDK: Axon's own auto-configuration would take
 * {@code GlobalOpenTelemetry}, which Boot never sets, and so trace nothing.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
        before = AxonTracingAutoConfiguration.class,
        beforeName = "org.axonframework.springboot.autoconfig.OpenTelemetryAutoConfiguration")
public class TracingConfiguration {

    private static final String INSTRUMENTATION_NAME = "AxonFramework-OpenTelemetry";

    /**
     * The propagators are what puts {@code traceparent} into every event's metadata (and reads it back in the saga
     * and the projectors): without them Axon's builder falls back to {@code GlobalOpenTelemetry}'s, which are no-op
     * as Boot never registers a global instance, and events would be stored without their trace (TracingIT).
     *
     * @param propagators Boot's (W3C trace context by default, {@code MANAGEMENT_TRACING_PROPAGATION_TYPE})
     */
    @Bean
    public SpanFactory axonSpanFactory(OpenTelemetry openTelemetry, ContextPropagators propagators) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer(INSTRUMENTATION_NAME))
                .contextPropagators(propagators.getTextMapPropagator())
                .build();
    }

    /** Axon registers every handler interceptor bean with the command bus, the query bus and each event processor. */
    @Bean
    public MessageHandlerInterceptor<Message<?>> flowLogContext() {
        return new FlowLogContext();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    public RequestUserLogContext requestUserLogContext() {
        return new RequestUserLogContext();
    }
}

package com.allinone.commerce.axonconfig.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;
import reactor.util.context.ContextView;

/**
 * The trace a piece of work belongs to, for answers that should name it (problem responses): a client quoting it
 * leads an operator straight to the request's trace and its log lines.
 */
public final class TraceIds {

    private TraceIds() {
    }

    /**
     * @param context a request's Reactor context, where WebFlux keeps the request's observation (and so its span)
     * @return the trace id of the request's current span, or of the thread's span, or empty outside any trace
     */
    public static Optional<String> of(ContextView context) {
        Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (observation != null) {
            TracingObservationHandler.TracingContext tracing =
                    observation.getContextView().get(TracingObservationHandler.TracingContext.class);
            if (tracing != null && tracing.getSpan() != null) {
                return Optional.of(tracing.getSpan().context().traceId());
            }
        }
        return current();
    }

    /** @return the trace id of the span current on this thread, or empty outside any trace */
    public static Optional<String> current() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? Optional.of(span.getTraceId()) : Optional.empty();
    }
}

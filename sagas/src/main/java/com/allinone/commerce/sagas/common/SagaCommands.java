package com.allinone.commerce.sagas.common;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import com.allinone.commerce.axonconfig.web.ProblemDetailsAdvice;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import reactor.core.publisher.Mono;

/**
 * Commands the order flow sends on its own: tagged with the flow (the orderId) and with the system actor that sent
 * them, so an auditor sees who moved the order and never mistakes the saga for the customer.
 */
public class SagaCommands {

    private static final Class<Context> TRACE = Context.class;

    private final CommandGateway gateway;

    public SagaCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public static CommandMessage<Object> inFlow(Object command, String orderId, String actor) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                FlowCorrelationDataProvider.CORRELATION_ID, orderId,
                FlowCorrelationDataProvider.USER, actor));
    }

    /** Whether a command failed because its aggregate refused it (rather than for want of an answer). */
    public static boolean isRejection(Throwable failure) {
        return ProblemDetailsAdvice.rejectionOf(failure).isPresent();
    }

    /**
     * Sends from outside any unit of work (a provider's answer); completes when the command was handled. The command
     * is dispatched in the trace the subscriber's context names ({@link #inTrace}), if any: Axon's dispatch span takes
     * its parent from the OpenTelemetry context current on the sending thread, and Reactor hands no OpenTelemetry
     * context across threads by itself (Boot registers no accessor for it).
     */
    public Mono<Void> sendAsync(Object command, String orderId, String actor) {
        return Mono.deferContextual(subscriber -> {
            Context trace = subscriber.getOrDefault(TRACE, Context.current());
            try (Scope ignored = trace.makeCurrent()) {
                return Mono.fromFuture(gateway.send(inFlow(command, orderId, actor)));
            }
        }).then();
    }

    /** @return a Reactor context change that makes {@link #sendAsync} send in the given trace */
    static Function<reactor.util.context.Context, reactor.util.context.Context> inTrace(Context trace) {
        return subscriber -> subscriber.put(TRACE, trace);
    }
}

package com.allinone.commerce.sagas.common;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import com.allinone.commerce.axonconfig.web.ProblemDetailsAdvice;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import reactor.core.publisher.Mono;

/**
 * Commands the order flow sends on its own: tagged with the flow (the orderId) and with the system actor that sent
 * them, so an auditor sees who moved the order and never mistakes the saga for the customer.
 */
public class SagaCommands {

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

    /** Sends from outside any unit of work (a provider's answer); completes when the command was handled. */
    public Mono<Void> sendAsync(Object command, String orderId, String actor) {
        return Mono.fromFuture(() -> gateway.send(inFlow(command, orderId, actor))).then();
    }
}

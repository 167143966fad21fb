package com.allinone.commerce.commandside.web;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sends a command on behalf of the caller. With a local command bus the handler, including the blocking JDBC append
 * and the catalog lookup, runs on the subscribing thread, so dispatch is moved off the Netty event loop onto a
 * bounded scheduler.
 */
public class CommandSender {

    private final ReactorCommandGateway gateway;
    private final Scheduler blockingWork;

    public CommandSender(ReactorCommandGateway gateway, Scheduler blockingWork) {
        this.gateway = gateway;
        this.blockingWork = blockingWork;
    }

    /** @param flowId the correlation id of everything this command causes (an orderId, a SKU), or null */
    public <R> Mono<R> send(Object command, String actingUser, String flowId) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(FlowCorrelationDataProvider.USER, actingUser);
        if (flowId != null) {
            metaData.put(FlowCorrelationDataProvider.CORRELATION_ID, flowId);
        }
        return Mono.defer(() -> gateway.<R>send(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData)))
                .subscribeOn(blockingWork);
    }

    /** Runs a blocking read (a JDBC lookup) off the event loop. */
    public <T> Mono<T> blocking(java.util.concurrent.Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(blockingWork);
    }
}

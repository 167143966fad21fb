package com.allinone.commerce.commandside.web;

import com.allinone.commerce.axonconfig.correlation.FlowCorrelationDataProvider;
import com.allinone.commerce.axonconfig.work.UninterruptibleWork;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sends a command on behalf of the caller. A request never decides whether its command is stored: once dispatched,
 * the command runs to its end on a dispatch thread of its own, whether or not the client is still there, and a client
 * that hangs up only stops listening (the future is not cancelled, the thread is never interrupted). With a local
 * command bus the handler, including the blocking JDBC append and the stock gate, runs on that thread, never on the
 * Netty event loop.
 */
public class CommandSender {

    /** Carries the request's trace (and logging context) from its Reactor context onto the dispatch thread. */
    private static final ContextSnapshotFactory REQUEST_CONTEXT = ContextSnapshotFactory.builder().build();

    private final CommandBus commandBus;
    private final ExecutorService dispatch;
    private final Scheduler blockingReads;

    /**
     * @param commandBus the bus itself, not a gateway: Axon's gateway logs every refused command as a WARN, and a
     *                   refusal (out of stock, say) is an answer to the client here, not a fault
     */
    public CommandSender(CommandBus commandBus, ExecutorService dispatch) {
        this.commandBus = commandBus;
        this.dispatch = dispatch;
        this.blockingReads = UninterruptibleWork.scheduler(dispatch);
    }

    /** Lets the commands already dispatched finish: they were, or are about to be, answered as accepted. */
    public void close() throws InterruptedException {
        dispatch.shutdown();
        dispatch.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** @param flowId the correlation id of everything this command causes (an orderId, a SKU), or null */
    public <R> Mono<R> send(Object command, String actingUser, String flowId) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(FlowCorrelationDataProvider.USER, actingUser);
        if (flowId != null) {
            metaData.put(FlowCorrelationDataProvider.CORRELATION_ID, flowId);
        }
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
        return Mono.deferContextual(request -> {
            // The future carries a failure as a value: once the client is gone nobody listens, and a failure that
            // arrives then would be reported by Reactor as a dropped error, logged as ERROR.
            CompletableFuture<Outcome<R>> outcome = new CompletableFuture<>();
            // Axon's command spans become children of the request's span only if it is current on that thread.
            dispatch.execute(REQUEST_CONTEXT.captureFrom(request).wrap(() -> commandBus.dispatch(message,
                    (CommandCallback<Object, R>) (sent, result) -> outcome.complete(result.isExceptional()
                            ? new Outcome<>(null, result.exceptionResult())
                            : new Outcome<>(result.getPayload(), null)))));
            return Mono.fromFuture(outcome, true).flatMap(Outcome::toMono);
        });
    }

    private record Outcome<R>(R payload, Throwable failure) {

        Mono<R> toMono() {
            return failure != null ? Mono.error(failure) : Mono.justOrEmpty(payload);
        }
    }

    /** Runs a blocking read (a JDBC lookup) off the event loop, on threads a cancelled request cannot interrupt. */
    public <T> Mono<T> blocking(Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(blockingReads);
    }
}

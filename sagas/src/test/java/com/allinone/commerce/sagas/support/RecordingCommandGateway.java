package com.allinone.commerce.sagas.support;

import com.allinone.commerce.api.common.Rejection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Where a participant's answers go in a test: records every command sent (from any thread) and answers it as the
 * aggregates would, by default with success. Unlike Axon's RecordingCommandBus it is safe to read while another
 * thread sends.
 */
public class RecordingCommandGateway implements CommandGateway {

    private final List<CommandMessage<?>> sent = new CopyOnWriteArrayList<>();
    private volatile Function<Object, Object> aggregates = command -> null;

    /** How the aggregates answer each command: a result, or a thrown exception (see {@link #refusal}). */
    public void answerWith(Function<Object, Object> answers) {
        this.aggregates = answers;
    }

    /** An aggregate's refusal, as the command side's RejectedCommand carries it. */
    public static CommandExecutionException refusal(String type) {
        return new CommandExecutionException(type, null, new Rejection(Rejection.Kind.CONFLICT, type, type));
    }

    public List<CommandMessage<?>> sent() {
        return List.copyOf(sent);
    }

    public List<Object> sentPayloads() {
        return sent.stream().<Object>map(CommandMessage::getPayload).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> send(Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        sent.add(message);
        try {
            return CompletableFuture.completedFuture((R) aggregates.apply(message.getPayload()));
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        CompletableFuture<R> result = send(command);
        CommandMessage<C> message = GenericCommandMessage.asCommandMessage(command);
        result.whenComplete((value, failure) -> callback.onResult(message, failure == null
                ? GenericCommandResultMessage.asCommandResultMessage(value)
                : GenericCommandResultMessage.asCommandResultMessage(failure)));
    }

    @Override
    public <R> R sendAndWait(Object command) {
        try {
            return this.<R>send(command).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        return sendAndWait(command);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return () -> true;
    }
}

package com.allinone.commerce.commandside.common;

import com.allinone.commerce.api.common.Rejection;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;

/**
 * An aggregate's refusal of a command. The {@link Rejection} rides as the exception's details, which Axon carries
 * across Axon Server to the sender, so the HTTP layer answers the same 404/409/422 in every topology.
 */
public class RejectedCommand extends CommandExecutionException {

    public RejectedCommand(Rejection rejection) {
        super(rejection.detail(), null, rejection);
    }

    public static RejectedCommand notFound(String type, String detail) {
        return new RejectedCommand(new Rejection(Rejection.Kind.NOT_FOUND, type, detail));
    }

    public static RejectedCommand conflict(String type, String detail) {
        return new RejectedCommand(new Rejection(Rejection.Kind.CONFLICT, type, detail));
    }

    public static RejectedCommand conflict(String type, String detail, Map<String, Object> properties) {
        return new RejectedCommand(new Rejection(Rejection.Kind.CONFLICT, type, detail, properties));
    }

    public static RejectedCommand unavailable(String type, String detail) {
        return new RejectedCommand(new Rejection(Rejection.Kind.UNAVAILABLE, type, detail));
    }

    public static RejectedCommand unprocessable(String type, String detail) {
        return new RejectedCommand(new Rejection(Rejection.Kind.UNPROCESSABLE, type, detail));
    }
}

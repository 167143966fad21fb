package com.allinone.commerce.api.common;

import java.util.Map;

/**
 * Why a command was refused, carried as the details of a command execution exception so it survives the trip
 * through Axon Server as well as a local bus. {@code type} is a stable slug that clients can switch on;
 * {@code properties} are extra members of the problem answer (the short SKUs of an out-of-stock order).
 */
public record Rejection(Kind kind, String type, String detail, Map<String, Object> properties) {

    public enum Kind {
        /** The addressed thing does not exist, or is not the caller's to see. */
        NOT_FOUND,
        /** The thing exists but its current state forbids the command (cancel after shipping). */
        CONFLICT,
        /** The command is well-formed but breaks a rule (ordering a discontinued product). */
        UNPROCESSABLE,
        /** Something the command depends on cannot answer now; nothing was changed, and a retry may succeed. */
        UNAVAILABLE
    }

    public Rejection {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public Rejection(Kind kind, String type, String detail) {
        this(kind, type, detail, Map.of());
    }
}

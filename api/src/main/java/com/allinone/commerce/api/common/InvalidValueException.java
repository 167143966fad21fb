package com.allinone.commerce.api.common;

/** A value that can never be valid, named by the field that carried it, so an HTTP layer can answer 400 naming it. */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}

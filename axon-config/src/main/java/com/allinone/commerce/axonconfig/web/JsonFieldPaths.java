package com.allinone.commerce.axonconfig.web;

import com.allinone.commerce.api.common.InvalidValueException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Optional;
import org.springframework.http.ProblemDetail;

/** Turns a Jackson failure while reading a request body into a 400 naming the field, as a JSON path. */
final class JsonFieldPaths {

    private JsonFieldPaths() {
    }

    static Optional<ProblemDetail> problemFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ValueInstantiationException instantiation
                    && instantiation.getCause() instanceof InvalidValueException invalid) {
                return Optional.of(Problems.invalidField(join(path(instantiation), invalid.field()), invalid.reason()));
            }
            if (t instanceof UnrecognizedPropertyException unknown) {
                return Optional.of(Problems.invalidField(path(unknown),
                        "is not accepted here (prices, totals, owners and statuses are never taken from a client)"));
            }
            if (t instanceof InvalidFormatException format) {
                return Optional.of(Problems.invalidField(path(format),
                        "'" + format.getValue() + "' is not a valid " + format.getTargetType().getSimpleName()));
            }
            if (t instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                return Optional.of(Problems.invalidField(path(mismatch), "has the wrong type or shape"));
            }
            if (t instanceof JsonProcessingException malformed && !(t instanceof JsonMappingException)) {
                return Optional.of(Problems.invalidField("body", "is not valid JSON: " + malformed.getOriginalMessage()));
            }
        }
        return Optional.empty();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String join(String prefix, String field) {
        return "body".equals(prefix) ? field : prefix + "." + field;
    }
}

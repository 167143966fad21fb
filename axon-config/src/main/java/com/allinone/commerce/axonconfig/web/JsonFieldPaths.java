package com.allinone.commerce.axonconfig.web;

import com.allinone.commerce.api.common.InvalidValueException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ProblemDetail;
import org.springframework.util.ClassUtils;

/**
 * Turns a Jackson failure while reading a request body into a 400 naming the field as a JSON path
 * ({@code lines[0].quantity}, or {@code body} for the document as a whole), in our words: Jackson's own messages name
 * Java types and its configuration ({@code StreamReadConstraints…}, {@code JsonReadFeature…}), which mean nothing to a
 * client and tell an attacker what runs here.
 */
final class JsonFieldPaths {

    static final String BODY = "body";
    private static final int MAX_NAME = 100;

    private JsonFieldPaths() {
    }

    static Optional<ProblemDetail> problemFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Optional<ProblemDetail> problem = specificProblem(t);
            if (problem.isPresent()) {
                return problem;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonMappingException mapping && !(t instanceof InvalidDefinitionException)) {
                return Optional.of(Problems.invalidField(path(mapping), "is not valid here"));
            }
        }
        return Optional.empty();
    }

    private static Optional<ProblemDetail> specificProblem(Throwable t) {
        if (t instanceof ValueInstantiationException instantiation
                && instantiation.getCause() instanceof InvalidValueException invalid) {
            return Optional.of(Problems.invalidField(join(path(instantiation), invalid.field()), invalid.reason()));
        }
        if (t instanceof UnrecognizedPropertyException unknown) {
            return Optional.of(Problems.invalidField(path(unknown),
                    "is not accepted here (prices, totals, owners and statuses are never taken from a client)"));
        }
        if (t instanceof StrictRequestBodies.ControlCharactersInText text) {
            return Optional.of(Problems.invalidField(path(text), ControlCharacters.REASON));
        }
        if (t instanceof MismatchedInputException mismatch) {
            // No path: the document itself is the wrong shape (an array, a string, a second document after it).
            return Optional.of(mismatch.getPath().isEmpty()
                    ? Problems.invalidField(BODY, "must be exactly one JSON object")
                    : Problems.invalidField(path(mismatch), "must be " + expected(mismatch.getTargetType())));
        }
        if (t instanceof StreamConstraintsException) {
            return Optional.of(Problems.invalidField(BODY, "is too large or nested too deeply"));
        }
        if (t instanceof InputCoercionException coercion) {
            return Optional.of(Problems.invalidField(pathWhereStopped(coercion),
                    "must be " + expected(coercion.getTargetType()) + range(coercion.getTargetType())));
        }
        if (t instanceof StreamReadException malformed) {
            if (isDuplicateField(malformed)) {
                return Optional.of(Problems.invalidField(pathWhereStopped(malformed),
                        "is sent twice; send each field once"));
            }
            return Optional.of(Problems.invalidField(BODY, "is not valid JSON" + where(malformed.getLocation())));
        }
        return Optional.empty();
    }

    /** What a value of the type looks like, in JSON terms: "a whole number", "text"… */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
        if (boxed == Integer.class || boxed == Long.class || boxed == Short.class || boxed == Byte.class
                || boxed == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(boxed)) {
            return "a number";
        }
        if (boxed == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(boxed) || boxed == Character.class) {
            return "text (a JSON string)";
        }
        if (boxed.isArray() || Collection.class.isAssignableFrom(boxed)) {
            return "a list (a JSON array)";
        }
        if (boxed.isEnum()) {
            return "one of " + Arrays.toString(boxed.getEnumConstants());
        }
        if (Map.class.isAssignableFrom(boxed) || !boxed.getName().startsWith("java.")) {
            return "an object (a JSON object)";
        }
        return "of another type";
    }

    /** The bounds of a whole-number type, for a value that did not fit: " from -2147483648 to 2147483647". */
    static String range(Class<?> type) {
        Class<?> boxed = type == null ? Object.class : ClassUtils.resolvePrimitiveIfNecessary(type);
        if (boxed == Integer.class) {
            return " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (boxed == Long.class) {
            return " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (boxed == Short.class) {
            return " from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        return "";
    }

    /**
     * Jackson reports a duplicate only in its message; its parser then stands on the duplicate, so the path says
     * which field it was.
     */
    private static boolean isDuplicateField(StreamReadException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Duplicate field ");
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                appendName(path, ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? BODY : path.toString();
    }

    /** The path of the value the parser stood on when it gave up, from its nesting of objects and arrays. */
    private static String pathWhereStopped(StreamReadException e) {
        JsonParser parser = e.getProcessor();
        if (parser == null) {
            return BODY;
        }
        Deque<JsonStreamContext> levels = new ArrayDeque<>();
        for (JsonStreamContext level = parser.getParsingContext(); level != null && !level.inRoot();
             level = level.getParent()) {
            levels.push(level);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext level : levels) {
            if (level.inArray()) {
                path.append('[').append(Math.max(level.getCurrentIndex(), 0)).append(']');
            } else if (level.getCurrentName() != null) {
                appendName(path, level.getCurrentName());
            }
        }
        return path.isEmpty() ? BODY : path.toString();
    }

    /** A name is the client's own text: a long one is cut, so the answer does not echo kilobytes back. */
    private static void appendName(StringBuilder path, String name) {
        if (!path.isEmpty()) {
            path.append('.');
        }
        path.append(name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "…");
    }

    private static String join(String prefix, String field) {
        return BODY.equals(prefix) ? field : prefix + "." + field;
    }
}

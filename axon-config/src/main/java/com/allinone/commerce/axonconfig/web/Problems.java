package com.allinone.commerce.axonconfig.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details with a stable {@code type} per error, so clients switch on the type, not the text. */
public final class Problems {

    public static final String TYPE_PREFIX = "/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        return problem;
    }

    /** A 400 that names the offending field (a JSON path such as {@code lines[0].quantity}, or a header). */
    public static ProblemDetail invalidField(String field, String detail) {
        return namingField(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid request field", field, detail);
    }

    /** Any status whose cause is one named part of the request: a header, the URI, the method. */
    public static ProblemDetail namingField(HttpStatus status, String type, String title, String field,
                                            String detail) {
        ProblemDetail problem = of(status, type, field + ": " + detail);
        problem.setTitle(title);
        problem.setProperty("field", field);
        return problem;
    }
}

package com.allinone.commerce.axonconfig.web;

import com.allinone.commerce.axonconfig.tracing.TraceIds;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import reactor.util.context.ContextView;

/** RFC 9457 problem details with a stable {@code type} per error, so clients switch on the type, not the text. */
public final class Problems {

    public static final String TYPE_PREFIX = "/problems/";
    /** The property naming the request's trace: what a client quotes to an operator. */
    public static final String TRACE_ID = "traceId";

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

    /**
     * Names the trace of the request being answered, so a client's report leads to the request's spans and log lines.
     *
     * @param context the request's Reactor context
     */
    public static ProblemDetail withTraceOf(ProblemDetail problem, ContextView context) {
        TraceIds.of(context).ifPresent(traceId -> problem.setProperty(TRACE_ID, traceId));
        return problem;
    }
}

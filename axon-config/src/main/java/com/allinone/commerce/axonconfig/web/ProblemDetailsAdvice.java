package com.allinone.commerce.axonconfig.web;

import com.allinone.commerce.api.common.InvalidValueException;
import com.allinone.commerce.api.common.Rejection;
import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * Every error of every node as RFC 9457 problem details: bad input is a 400 naming the field, an unknown id a 404,
 * a rule violation a 409 or 422, and anything unexpected a 500 without a stack trace (it is logged instead).
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         ServerWebExchange exchange) {
        Optional<ProblemDetail> field = JsonFieldPaths.problemFor(ex);
        if (field.isPresent()) {
            return problem(field.get());
        }
        if (ex.getCause() instanceof TypeMismatchException mismatch && ex.getMethodParameter() != null) {
            // A query parameter, header or path variable that is not of its type: "limit=abc", "limit=99999999999".
            return problem(Problems.invalidField(nameOf(ex.getMethodParameter()),
                    "must be " + JsonFieldPaths.expected(mismatch.getRequiredType())
                            + JsonFieldPaths.range(mismatch.getRequiredType())));
        }
        String reason = ex.getReason() == null ? "the request could not be read" : ex.getReason();
        if (reason.contains("No request body")) {
            return problem(Problems.invalidField("body", "a JSON body is required"));
        }
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "bad-request", reason);
        return problem(problem);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(MissingRequestValueException ex,
                                                                             HttpHeaders headers,
                                                                             HttpStatusCode status,
                                                                             ServerWebExchange exchange) {
        return problem(Problems.invalidField(ex.getName(), "the " + ex.getLabel() + " is required"));
    }

    /** Framework errors (415, 405, 404 of an unknown route…) get a stable type too, derived from their status. */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers,
                                                                HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem && "about:blank".equals(String.valueOf(problem.getType()))) {
            problem.setType(URI.create(Problems.TYPE_PREFIX + slugOf(status)));
            if (status.value() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
                problem.setDetail(JsonFieldPaths.BODY + ": is larger than this server reads");
                problem.setProperty("field", JsonFieldPaths.BODY);
            }
        }
        if (!(body instanceof ProblemDetail problem)) {
            return super.createResponseEntity(body, headers, status, exchange);
        }
        // Always JSON, whatever the request accepts: a refused event stream answers a problem, not an event.
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return Mono.deferContextual(context -> super.createResponseEntity(Problems.withTraceOf(problem, context),
                problemHeaders, status, exchange));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleNotAcceptableStatusException(NotAcceptableStatusException ex,
                                                                             HttpHeaders headers,
                                                                             HttpStatusCode status,
                                                                             ServerWebExchange exchange) {
        return createResponseEntity(Problems.namingField(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
                "Not Acceptable", HttpHeaders.ACCEPT, "this endpoint answers "
                        + oneOf(ex.getSupportedMediaTypes(), MediaType.APPLICATION_JSON_VALUE)),
                headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleUnsupportedMediaTypeStatusException(
            UnsupportedMediaTypeStatusException ex, HttpHeaders headers, HttpStatusCode status,
            ServerWebExchange exchange) {
        return createResponseEntity(Problems.namingField(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported Media Type", HttpHeaders.CONTENT_TYPE, "must be "
                        + oneOf(ex.getSupportedMediaTypes(), MediaType.APPLICATION_JSON_VALUE)),
                headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMethodNotAllowedException(MethodNotAllowedException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          ServerWebExchange exchange) {
        return createResponseEntity(Problems.namingField(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "Method Not Allowed", "method", "this path takes " + oneOf(ex.getSupportedMethods(), "none")),
                headers, status, exchange); // headers carry Allow
    }

    private static String oneOf(Collection<?> choices, String none) {
        if (choices.isEmpty()) {
            return none;
        }
        String all = choices.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return choices.size() == 1 ? all : "one of " + all;
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         ServerWebExchange exchange) {
        var error = ex.getFieldError();
        String field = error == null ? "body" : error.getField();
        String detail = error == null ? "is invalid" : error.getDefaultMessage();
        return problem(Problems.invalidField(field, detail));
    }

    /** A stable type for a framework error that carries only a status (415, 405, 404 of an unknown route…). */
    public static String slugOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The security firewall refuses a header or parameter only when someone reads it. {@link RequestHeadCheck}
     * refuses those before any handler runs; should one still get through, it is the client's request, not our fault.
     */
    @ExceptionHandler(ServerExchangeRejectedException.class)
    public Mono<ResponseEntity<Object>> rejectedByFirewall(ServerExchangeRejectedException ex) {
        return problem(FirewallRejections.unreadableRequest());
    }

    @ExceptionHandler(InvalidValueException.class)
    public Mono<ResponseEntity<Object>> invalidValue(InvalidValueException ex) {
        return problem(Problems.invalidField(ex.field(), ex.reason()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public Mono<ResponseEntity<Object>> notFound(AggregateNotFoundException ex) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "No such resource"));
    }

    @ExceptionHandler(CommandExecutionException.class)
    public Mono<ResponseEntity<Object>> rejected(CommandExecutionException ex) {
        Optional<Rejection> rejection = rejectionOf(ex);
        if (rejection.isPresent()) {
            return problem(toProblem(rejection.get()));
        }
        return unexpected(ex);
    }

    @ExceptionHandler(AccessDeniedException.class)
    public Mono<ResponseEntity<Object>> denied(AccessDeniedException ex) {
        return problem(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this"));
    }

    @ExceptionHandler(Exception.class)
    public Mono<ResponseEntity<Object>> unexpected(Exception ex) {
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            // The client hung up: nobody is left to answer, and it is not our fault. WebFlux logs it at DEBUG.
            return Mono.error(ex);
        }
        log.error("Unhandled error", ex);
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; nothing you sent was lost. Please retry."));
    }

    public static ProblemDetail toProblem(Rejection rejection) {
        HttpStatus status = switch (rejection.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ProblemDetail problem = Problems.of(status, rejection.type(), rejection.detail());
        rejection.properties().forEach(problem::setProperty);
        return problem;
    }

    /** The rejection travels as the exception's details, which survive a trip through Axon Server too. */
    public static Optional<Rejection> rejectionOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HandlerExecutionException handled) {
                Optional<Object> details = handled.getDetails();
                if (details.isPresent() && details.get() instanceof Rejection rejection) {
                    return Optional.of(rejection);
                }
            }
        }
        return Optional.empty();
    }

    /** The name the client used: a parameter's, header's or path variable's declared name, else the Java name. */
    private static String nameOf(MethodParameter parameter) {
        return Arrays.stream(parameter.getParameterAnnotations())
                .filter(a -> a instanceof RequestParam || a instanceof RequestHeader || a instanceof PathVariable)
                .map(a -> MergedAnnotation.from(a).getString("name")) // resolves the value/name alias
                .filter(name -> !name.isEmpty())
                .findFirst()
                .orElseGet(() -> Objects.requireNonNullElse(parameter.getParameterName(), "query"));
    }

    private static Mono<ResponseEntity<Object>> problem(ProblemDetail problem) {
        return Mono.deferContextual(context -> Mono.just(ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.withTraceOf(problem, context))));
    }
}

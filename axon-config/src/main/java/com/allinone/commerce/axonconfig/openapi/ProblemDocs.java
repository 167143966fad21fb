package com.allinone.commerce.axonconfig.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the {@code application/problem+json} answers of every operation (the one error path of
 * {@code NodeErrorConfiguration}). Those that follow from what an operation is are derived here, so a new endpoint
 * cannot forget them:
 * <ul>
 * <li>every operation: 400 (a malformed header, parameter or body), 406 (an Accept it cannot answer), 500;</li>
 * <li>one that reads a body: 415 (not JSON);</li>
 * <li>one under {@code @PreAuthorize}: 401 (no valid token), 403 (a role that may not);</li>
 * <li>one with a path variable: 404 (nothing by that id, or not the caller's).</li>
 * </ul>
 * The rest an endpoint declares with {@link ProblemResponses}.
 */
public class ProblemDocs implements OperationCustomizer {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private static final Map<HttpStatus, String> MEANING = new EnumMap<>(Map.ofEntries(
            Map.entry(HttpStatus.BAD_REQUEST, "Invalid request: the problem's `field` names the header, parameter "
                    + "or body field (a JSON path) at fault."),
            Map.entry(HttpStatus.UNAUTHORIZED, "No bearer token, or one that is not valid (`field` names the claim "
                    + "at fault)."),
            Map.entry(HttpStatus.FORBIDDEN, "The token's roles do not allow this."),
            Map.entry(HttpStatus.NOT_FOUND, "Nothing by that id, or nothing the caller may see."),
            Map.entry(HttpStatus.NOT_ACCEPTABLE, "The Accept header names nothing this endpoint answers."),
            Map.entry(HttpStatus.CONFLICT, "The current state does not allow this (the problem's `type` says why)."),
            Map.entry(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body is not application/json."),
            Map.entry(HttpStatus.UNPROCESSABLE_ENTITY, "Well-formed, but breaks a business rule (the problem's "
                    + "`type` says which)."),
            Map.entry(HttpStatus.TOO_MANY_REQUESTS, "Too many requests: retry after the Retry-After header."),
            Map.entry(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected failure on our side; it is logged."),
            Map.entry(HttpStatus.SERVICE_UNAVAILABLE, "Something this depends on cannot answer now; nothing was "
                    + "changed, and a retry may succeed.")));

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        for (HttpStatus status : statusesOf(operation, handler)) {
            // An answer the endpoint documents itself (springdoc or @ApiResponse) wins.
            operation.getResponses().computeIfAbsent(String.valueOf(status.value()), code -> new ApiResponse()
                    .description(MEANING.getOrDefault(status, status.getReasonPhrase()))
                    .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(
                            new Schema<>().$ref(ApiDocumentationConfiguration.PROBLEM_SCHEMA_REF)))));
        }
        return operation;
    }

    static SortedSet<HttpStatus> statusesOf(Operation operation, HandlerMethod handler) {
        SortedSet<HttpStatus> statuses = new TreeSet<>();
        statuses.add(HttpStatus.BAD_REQUEST);
        statuses.add(HttpStatus.NOT_ACCEPTABLE);
        statuses.add(HttpStatus.INTERNAL_SERVER_ERROR);
        if (operation.getRequestBody() != null) {
            statuses.add(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        if (RoleRequirements.preAuthorizeOf(handler).isPresent()) {
            statuses.add(HttpStatus.UNAUTHORIZED);
            statuses.add(HttpStatus.FORBIDDEN);
        }
        if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(PathVariable.class))) {
            statuses.add(HttpStatus.NOT_FOUND);
        }
        for (ProblemResponses declared : AnnotatedElementUtils.findAllMergedAnnotations(handler.getBeanType(),
                ProblemResponses.class)) {
            statuses.addAll(Arrays.asList(declared.value()));
        }
        for (ProblemResponses declared : AnnotatedElementUtils.findAllMergedAnnotations(handler.getMethod(),
                ProblemResponses.class)) {
            statuses.addAll(Arrays.asList(declared.value()));
        }
        return statuses;
    }
}

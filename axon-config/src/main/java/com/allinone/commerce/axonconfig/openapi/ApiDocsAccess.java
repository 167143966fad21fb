package com.allinone.commerce.axonconfig.openapi;

import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorityReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Who may read the OpenAPI spec and Swagger UI: ADMIN on a deployed node (the spec maps every admin and audit
 * endpoint), anybody where {@value #PUBLIC} is true, which only standalone sets.
 */
public final class ApiDocsAccess {

    public static final String PUBLIC = "commerce.openapi.public";

    /** Springdoc's default paths for WebFlux: the spec (JSON, YAML, the UI's config) and the UI with its assets. */
    public static final String[] PATHS = {"/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
            "/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**"};

    private ApiDocsAccess() {
    }

    public static ReactiveAuthorizationManager<AuthorizationContext> rule(Environment environment) {
        if (environment.getProperty(PUBLIC, Boolean.class, false)) {
            return (authentication, context) -> Mono.just(new AuthorizationDecision(true));
        }
        return AuthorityReactiveAuthorizationManager.hasRole("ADMIN");
    }
}

package com.allinone.commerce.axonconfig.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;

/**
 * The OpenAPI spec ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html}) of every node, by springdoc
 * (DESIGN §9). Springdoc finds the endpoints; this adds what it cannot see: who may call each one
 * ({@link RoleRequirements}), the bearer scheme they need, and the problem answers each can give ({@link ProblemDocs}).
 * Who may read the spec itself is {@link ApiDocsAccess}'s rule.
 */
@AutoConfiguration
@ConditionalOnClass(SpringDocConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
// Springdoc's settings for every node, at the lowest precedence so an environment variable still wins.
@PropertySource("classpath:commerce-openapi.properties")
public class ApiDocumentationConfiguration {

    public static final String BEARER_SCHEME = "bearer-jwt";
    public static final String PROBLEM_SCHEMA = "ProblemDetail";
    static final String PROBLEM_SCHEMA_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    @Bean
    public OpenAPI commerceOpenApi(Environment environment) {
        return new OpenAPI()
                .info(new Info()
                        .title("All-in-One Commerce: " + environment.getProperty("spring.application.name", "node"))
                        .version("1")
                        .description("Commands, queries and streams of this node. Errors are RFC 9457 problem "
                                + "details with a stable `type`. Who may call an operation is in its description "
                                + "and its `" + RoleRequirements.ROLES_EXTENSION + "` extension."))
                .components(new Components()
                        .addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("A JWT with `sub`, `exp` and a `roles` claim (CUSTOMER, ADMIN, AUDITOR), "
                                        + "signed with JWT_SECRET or by the configured issuer. Standalone mints one "
                                        + "at POST /dev/tokens."))
                        .addSchemas(PROBLEM_SCHEMA, problemDetailSchema()));
    }

    @Bean
    public OperationCustomizer roleRequirements() {
        return new RoleRequirements();
    }

    @Bean
    public OperationCustomizer problemDocs() {
        return new ProblemDocs();
    }

    /**
     * Written out rather than derived from {@code ProblemDetail}: the class's {@code properties} map is flattened into
     * the answer by Jackson, so a derived schema would show a {@code properties} member no answer has, and miss
     * {@code field}.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<?> problemDetailSchema() {
        Schema problem = new ObjectSchema()
                .description("RFC 9457 problem details. Switch on `type`, not on the text; a refusal may carry more "
                        + "members (the short SKUs of an order that cannot be served, say).")
                .addProperty("type", new StringSchema().format("uri-reference")
                        .description("Stable identifier of the kind of problem").example("/problems/invalid-field"))
                .addProperty("title", new StringSchema().description("Short summary of the kind of problem"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What went wrong with this request"))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The request's path"))
                .addProperty("field", new StringSchema().description("The header, parameter or body field at fault "
                        + "(a JSON path such as `lines[0].quantity`), where one is"));
        problem.setRequired(List.of("type", "title", "status"));
        problem.setAdditionalProperties(Boolean.TRUE);
        return problem;
    }
}

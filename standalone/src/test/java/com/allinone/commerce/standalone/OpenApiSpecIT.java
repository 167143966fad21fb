package com.allinone.commerce.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.axonconfig.openapi.RoleRequirements;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The OpenAPI spec documents every endpoint the app serves, who may call it and how it can fail. Standalone serves
 * every controller of the command and query nodes (checked here too), so its spec covers theirs.
 */
class OpenApiSpecIT extends StandaloneTestSupport {

    private static final Set<String> PUBLIC_OPERATIONS = Set.of(
            "GET /api/products", "GET /api/products/{sku}", "POST /dev/tokens");

    private JsonNode spec;

    @BeforeEach
    void readTheSpecAnonymously() throws Exception {
        String body = web.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        spec = new ObjectMapper().readTree(body);
    }

    @Test
    void everyEndpointTheAppServesIsInTheSpec() {
        List<String> served = servedEndpoints();

        assertThat(served).as("endpoints found in the handler mappings")
                .contains("POST /api/orders", "GET /api/me/orders/{orderId}/events", "GET /api/audit/reconciliation",
                        "POST /dev/tokens");
        assertThat(served).allSatisfy(endpoint -> assertThat(operation(endpoint).isObject())
                .as("%s in the spec", endpoint).isTrue());
    }

    /** Springdoc documents a functional route only with a hand-written @RouterOperation: none may slip in unseen. */
    @Test
    void theAppServesNoFunctionalRoutes() {
        assertThat(applicationContext.getBeansOfType(RouterFunction.class))
                .as("RouterFunction beans: document them with @RouterOperation and check them here").isEmpty();
    }

    @Test
    void theBearerSchemeIsAGlobalComponent() {
        JsonNode bearer = spec.at("/components/securitySchemes/bearer-jwt");

        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asText()).isEqualTo("JWT");
    }

    @Test
    void protectedOperationsNameTheirRolesAndNeedTheBearerToken() {
        List<String> publicOnes = new ArrayList<>();
        forEachOperation((endpoint, operation) -> {
            JsonNode roles = operation.path(RoleRequirements.ROLES_EXTENSION);
            if (roles.isMissingNode()) {
                assertThat(operation.path("security").isEmpty()).as("%s has no security", endpoint).isTrue();
                publicOnes.add(endpoint);
                return;
            }
            assertThat(roles.size()).as("roles of %s", endpoint).isPositive();
            assertThat(operation.at("/security/0").has("bearer-jwt")).as("bearer on %s", endpoint).isTrue();
            assertThat(operation.path("description").asText()).as("description of %s", endpoint)
                    .contains(roles.get(0).asText());
            assertThat(problemStatuses(operation)).as("problems of %s", endpoint).contains(401, 403);
        });

        assertThat(publicOnes).as("operations without @PreAuthorize, which the security chain must permit")
                .containsExactlyInAnyOrderElementsOf(PUBLIC_OPERATIONS);
        assertThat(operation("POST /api/orders").path(RoleRequirements.ROLES_EXTENSION).toString())
                .isEqualTo("[\"CUSTOMER\"]");
        assertThat(operation("GET /api/audit/reconciliation").path(RoleRequirements.ROLES_EXTENSION).toString())
                .isEqualTo("[\"AUDITOR\",\"ADMIN\"]");
    }

    @Test
    void everyOperationDocumentsItsProblemAnswersAsProblemDetails() {
        forEachOperation((endpoint, operation) -> assertThat(problemStatuses(operation)).as("problems of %s", endpoint)
                .contains(400, 406, 500));

        assertThat(problemStatuses(operation("POST /api/orders")))
                .contains(400, 401, 403, 409, 415, 422, 429, 503);
        assertThat(problemStatuses(operation("POST /api/admin/projections/{name}/rebuild"))).contains(404, 409);
        assertThat(problemStatuses(operation("GET /api/products/{sku}"))).contains(404).doesNotContain(401, 403);
        JsonNode problem = spec.at("/components/schemas/ProblemDetail");
        assertThat(problem.path("properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "field");
    }

    @Test
    void requestAndResponseBodiesHaveSchemas() {
        JsonNode place = operation("POST /api/orders");

        assertThat(place.at("/requestBody/content/application~1json/schema/$ref").asText())
                .endsWith("/PlaceOrderRequest");
        assertThat(place.at("/responses/202/content/application~1json/schema/$ref").asText())
                .endsWith("/OrderAccepted");
        assertThat(operation("GET /api/me/orders/{orderId}/events").at("/responses/200/content")
                .has("text/event-stream")).isTrue();
    }

    @Test
    void theCommandAndQueryNodesServeNoControllerStandaloneLacks() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        Set<String> controllers = new TreeSet<>();
        for (String node : List.of("com.allinone.commerce.commandside", "com.allinone.commerce.queryside",
                "com.allinone.commerce.sagas")) {
            scanner.findCandidateComponents(node).forEach(candidate -> controllers.add(candidate.getBeanClassName()));
        }

        assertThat(controllers).as("controllers of the nodes").hasSizeGreaterThan(10);
        assertThat(controllers).allSatisfy(controller -> assertThat(
                applicationContext.getBeanNamesForType(classOf(controller))).as("%s in standalone", controller)
                .isNotEmpty());
    }

    @Test
    void swaggerUiLoadsForABrowser() {
        String location = web.get().uri("/swagger-ui.html").header("Accept", "text/html,*/*;q=0.8").exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        web.get().uri(location).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page).contains("swagger-ui"));
        web.get().uri("/webjars/swagger-ui/swagger-initializer.js").exchange().expectStatus().isOk();
        web.get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isOk();
    }

    /** "METHOD /path" of every handler method but springdoc's own. */
    private List<String> servedEndpoints() {
        List<String> endpoints = new ArrayList<>();
        applicationContext.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().forEach((info, handler) -> {
                    if (handler.getBeanType().getPackageName().startsWith("org.springdoc")) {
                        return;
                    }
                    for (PathPattern path : info.getPatternsCondition().getPatterns()) {
                        info.getMethodsCondition().getMethods().forEach(method ->
                                endpoints.add(method.name() + " " + path.getPatternString()));
                    }
                }));
        return endpoints;
    }

    private JsonNode operation(String endpoint) {
        String[] methodAndPath = endpoint.split(" ", 2);
        return spec.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase(Locale.ROOT));
    }

    private void forEachOperation(BiConsumer<String, JsonNode> check) {
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                check.accept(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        operation.getValue())));
    }

    /** The statuses the operation answers with an {@code application/problem+json} ProblemDetail. */
    private static Set<Integer> problemStatuses(JsonNode operation) {
        Set<Integer> statuses = new TreeSet<>();
        operation.path("responses").fields().forEachRemaining(response -> {
            String schema = response.getValue().at("/content/application~1problem+json/schema/$ref").asText();
            if (schema.equals("#/components/schemas/ProblemDetail")
                    && HttpStatus.valueOf(Integer.parseInt(response.getKey())).isError()) {
                statuses.add(Integer.parseInt(response.getKey()));
            }
        });
        return statuses;
    }

    private static Class<?> classOf(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}

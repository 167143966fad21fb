package com.allinone.commerce.axonconfig.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents who may call an operation from the {@code @PreAuthorize} that decides it (DESIGN §7), so the spec cannot
 * drift from the rule: the roles go into the description and the {@value #ROLES_EXTENSION} extension, and the
 * operation requires the bearer scheme. An operation without {@code @PreAuthorize} is documented as public; which
 * ones are is pinned by the standalone {@code OpenApiSpecIT}, against the security chain's permitted paths.
 */
public class RoleRequirements implements OperationCustomizer {

    public static final String ROLES_EXTENSION = "x-required-roles";
    private static final Pattern QUOTED_ROLE = Pattern.compile("'([^']+)'");

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Optional<String> rule = preAuthorizeOf(handler);
        if (rule.isEmpty()) {
            return operation;
        }
        List<String> roles = rolesIn(rule.get());
        operation.addSecurityItem(new SecurityRequirement().addList(ApiDocumentationConfiguration.BEARER_SCHEME));
        operation.addExtension(ROLES_EXTENSION, roles);
        String who = roles.isEmpty() ? "Requires " + rule.get() + "."
                : roles.size() == 1 ? "Requires role " + roles.get(0) + "."
                : "Requires one of the roles " + String.join(", ", roles) + ".";
        operation.setDescription(operation.getDescription() == null ? who : who + "\n\n" + operation.getDescription());
        return operation;
    }

    /** The rule Spring Security applies: the method's own {@code @PreAuthorize}, else its controller's. */
    static Optional<String> preAuthorizeOf(HandlerMethod handler) {
        PreAuthorize onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        PreAuthorize rule = onMethod != null ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        return Optional.ofNullable(rule).map(PreAuthorize::value);
    }

    /** The role names of {@code hasRole('A')} or {@code hasAnyRole('A', 'B')}, the only forms our endpoints use. */
    static List<String> rolesIn(String expression) {
        if (!expression.matches("\\s*has(Any)?Role\\(.*\\)\\s*")) {
            return List.of();
        }
        Matcher quoted = QUOTED_ROLE.matcher(expression);
        return quoted.results().map(match -> match.group(1)).toList();
    }
}

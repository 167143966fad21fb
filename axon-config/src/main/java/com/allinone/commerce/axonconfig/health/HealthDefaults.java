package com.allinone.commerce.axonconfig.health;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How every node exposes Spring Boot Actuator (README "Operating it"), as defaults at the lowest precedence so any
 * property or environment variable wins. A library cannot ship an {@code application.yml} (the node's own would
 * shadow it), hence a post-processor.
 *
 * <ul>
 *   <li>Probes: liveness is the application's own state only; readiness adds everything a node needs to serve
 *       fresh answers. The list names the indicators of every topology (the JDBC store or Axon Server, MongoDB only
 *       on query nodes), so membership is not validated: a node simply lacks the ones it does not have.</li>
 *   <li>Anyone may ask whether a node is up; only ADMIN sees which component is not and why. {@code roles} matches
 *       the {@code ROLE_ADMIN} authority {@code TokenClaims} makes of the {@code roles} claim.</li>
 * </ul>
 */
public class HealthDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE = "commerceHealthDefaults";
    public static final String READINESS = "readinessState,db,axonServer,mongo,redis,"
            + HealthConfiguration.EVENT_PROCESSORS;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.group.readiness.include", READINESS);
        defaults.put("management.endpoint.health.validate-group-membership", "false");
        defaults.put("management.endpoint.health.show-components", "when-authorized");
        defaults.put("management.endpoint.health.show-details", "when-authorized");
        defaults.put("management.endpoint.health.roles", "ADMIN");
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, defaults));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}

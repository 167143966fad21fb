package com.allinone.commerce.axonconfig.logging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How every node logs, settled before the logging system starts (it reads the environment right after the
 * post-processors ran).
 * <ul>
 *   <li>{@code LOG_FORMAT}: {@code text} (default) for people, {@code json} for a log collector: one JSON object per
 *       line in the Elastic Common Schema, Spring Boot's own structured logging. {@code ecs}, {@code logstash} and
 *       {@code gelf} name Boot's formats directly. Anything else stops the node at start, rather than leave a
 *       collector with lines it cannot parse.</li>
 *   <li>Text lines carry the trace and span ids (Boot's correlation converter), then the order flow and the acting
 *       user while a message of a flow is handled or a request is served ({@link FlowLogContext},
 *       {@link RequestUserLogContext}); JSON lines carry the same as fields ({@code traceId}, {@code spanId},
 *       {@code correlationId}, {@code user}).</li>
 * </ul>
 * Defaults sit at the lowest precedence: an explicit {@code logging.structured.format.console} or
 * {@code logging.pattern.correlation} wins.
 */
public class LogFormat implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE = "commerceLogFormat";
    public static final String LOG_FORMAT = "LOG_FORMAT";
    public static final String STRUCTURED_CONSOLE = "logging.structured.format.console";
    public static final String CORRELATION_PATTERN = "logging.pattern.correlation";

    /**
     * {@code [traceId-spanId] [flow=… user=…] }; the second part is left out of lines outside any flow or request
     * rather than print empty names.
     */
    static final String TEXT_CORRELATION = "%correlationId"
            + "%replace([flow=%X{" + FlowLogContext.FLOW + "} user=%X{" + FlowLogContext.USER + "}] )"
            + "{'\\[flow= user=\\] ', ''}";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(CORRELATION_PATTERN, TEXT_CORRELATION);
        structuredFormatOf(environment.getProperty(LOG_FORMAT, "text"))
                .ifPresent(format -> defaults.put(STRUCTURED_CONSOLE, format));
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, defaults));
    }

    /** @return Boot's structured format for a {@code LOG_FORMAT}, or empty for plain text */
    static Optional<String> structuredFormatOf(String logFormat) {
        String format = logFormat.trim().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "", "text" -> Optional.empty();
            case "json" -> Optional.of("ecs");
            case "ecs", "logstash", "gelf" -> Optional.of(format);
            default -> throw new IllegalArgumentException(
                    "LOG_FORMAT=" + logFormat + " is not a log format: use text (the default) or json");
        };
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

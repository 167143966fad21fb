package com.allinone.commerce.axonconfig.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** What a node's log lines look like, through Spring Boot's own logging system as a node starts it. */
@ExtendWith(OutputCaptureExtension.class)
class LogFormatTest {

    private static final Logger log = LoggerFactory.getLogger(LogFormatTest.class);
    /** System properties Boot's logging system sets from the environment; cleared so other tests log as before. */
    private static final List<String> LOGGING_SYSTEM_PROPERTIES = List.of("CONSOLE_LOG_STRUCTURED_FORMAT",
            "FILE_LOG_STRUCTURED_FORMAT", "LOG_CORRELATION_PATTERN");

    private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

    @AfterEach
    void restoreDefaultLogging() {
        MDC.clear();
        LOGGING_SYSTEM_PROPERTIES.forEach(System::clearProperty);
        start(new MockEnvironment());
    }

    @Test
    void logsTextByDefaultNamingTheFlowAndTheUserOnlyWhereThereIsOne(CapturedOutput output) {
        start(nodeEnvironment(new MockEnvironment()));

        log.info("outside any flow");
        MDC.put(FlowLogContext.FLOW, "order-1");
        MDC.put(FlowLogContext.USER, "alice");
        log.info("within a flow");

        assertThat(lineWith(output, "within a flow")).contains("[flow=order-1 user=alice] ");
        assertThat(lineWith(output, "outside any flow")).doesNotContain("flow=").doesNotContain("user=");
    }

    @Test
    void logsOneJsonObjectPerLineWithTheFlowAndTheUserWhenAskedForJson(CapturedOutput output) throws Exception {
        start(nodeEnvironment(new MockEnvironment().withProperty("LOG_FORMAT", "json")));

        MDC.put(FlowLogContext.FLOW, "order-2");
        MDC.put(FlowLogContext.USER, "bob");
        log.info("within a flow");

        Map<String, Object> line = new ObjectMapper().readValue(lineWith(output, "within a flow"),
                new TypeReference<>() { });
        assertThat(line).containsEntry("message", "within a flow")
                .containsEntry(FlowLogContext.FLOW, "order-2").containsEntry(FlowLogContext.USER, "bob")
                .extractingByKey("log").asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("level", "INFO");
    }

    @Test
    void jsonMeansElasticCommonSchemaAndBootsOtherFormatsPassThrough() {
        assertThat(structuredFormatFor("json")).isEqualTo("ecs");
        assertThat(structuredFormatFor("JSON")).isEqualTo("ecs");
        assertThat(structuredFormatFor("logstash")).isEqualTo("logstash");
        assertThat(structuredFormatFor("text")).isNull();
    }

    @Test
    void anExplicitStructuredFormatWinsOverLogFormat() {
        MockEnvironment environment = new MockEnvironment().withProperty("LOG_FORMAT", "json")
                .withProperty(LogFormat.STRUCTURED_CONSOLE, "gelf");

        assertThat(nodeEnvironment(environment).getProperty(LogFormat.STRUCTURED_CONSOLE)).isEqualTo("gelf");
    }

    @Test
    void anUnknownLogFormatStopsTheNodeNamingTheVariable() {
        assertThatThrownBy(() -> structuredFormatFor("xml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOG_FORMAT=xml");
    }

    private static String structuredFormatFor(String logFormat) {
        return nodeEnvironment(new MockEnvironment().withProperty("LOG_FORMAT", logFormat))
                .getProperty(LogFormat.STRUCTURED_CONSOLE);
    }

    private static MockEnvironment nodeEnvironment(MockEnvironment environment) {
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    /** Starts the logging system afresh: once started it ignores a second initialization. */
    private void start(MockEnvironment environment) {
        loggingSystem.cleanUp();
        loggingSystem.beforeInitialize();
        loggingSystem.initialize(new LoggingInitializationContext(environment), null, null);
    }

    private static String lineWith(CapturedOutput output, String message) {
        return output.getOut().lines().filter(line -> line.contains(message)).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no line with '" + message + "' in:\n" + output.getOut()));
    }
}

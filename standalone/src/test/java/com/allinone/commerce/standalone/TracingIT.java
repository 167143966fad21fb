package com.allinone.commerce.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderStatus;
import com.allinone.commerce.axonconfig.logging.FlowLogContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Traces and logs of the running app (DESIGN §9): one trace per order flow, named in problems and log lines. */
@ExtendWith(OutputCaptureExtension.class)
class TracingIT extends StandaloneTestSupport {

    @Autowired
    private InMemorySpanExporter spans;

    @Autowired
    private SdkTracerProvider tracerProvider;

    @Autowired
    private LoggingSystem loggingSystem;

    @Test
    void oneTraceFollowsAnOrderFromTheRequestThroughItsCommandAndItsLogLinesNameTheFlowAndUser(CapturedOutput output) {
        loggingSystem.setLogLevel(FlowLogContext.LOGGER, LogLevel.DEBUG);
        try {
            Shop shop = openShop(10, 129_000);
            String orderId = shop.order(1);
            CommerceApi.awaitStatus(applicationContext, orderId, OrderStatus.CONFIRMED);

            String traceId = awaitSpan(span -> span.getName().contains("PlaceOrder") && about(span, orderId))
                    .getTraceId();
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<SpanData> trace = spansOf(traceId);
                List<String> names = trace.stream().map(SpanData::getName).toList();
                assertThat(trace).as("the request, in %s", names).anyMatch(span -> span.getKind() == SpanKind.SERVER
                        && span.getName().contains("/api/orders"));
                assertThat(names).as("command handling").anyMatch(name -> name.contains("handleCommand(PlaceOrder)"));
            });

            String flowAndUser = "[flow=" + orderId + " user=" + shop.customer + "]";
            List<String> flowLines = output.getOut().lines().filter(line -> line.contains("Handling ")
                    && line.contains(orderId)).toList();
            assertThat(flowLines).as("log lines of order %s", orderId)
                    .anyMatch(line -> line.contains("Handling PlaceOrder") && line.contains(traceId))
                    .anyMatch(line -> line.contains("Handling OrderPlaced"))
                    .anyMatch(line -> line.contains("Handling OrderStockReserved"))
                    .filteredOn(line -> line.matches(".*Handling (PlaceOrder|OrderPlaced|OrderStockReserved)$"))
                    .allMatch(line -> line.contains(flowAndUser), "names " + flowAndUser);
        } finally {
            loggingSystem.setLogLevel(FlowLogContext.LOGGER, null);
        }
    }

    @Test
    void theSagaAndTheProjectorsHandleAnOrdersEventsInTheTraceOfTheRequestThatPlacedIt() {
        Shop shop = openShop(10, 129_000);
        String orderId = shop.order(1);
        CommerceApi.awaitStatus(applicationContext, orderId, OrderStatus.CONFIRMED);
        String traceId = awaitSpan(span -> span.getName().contains("handleCommand(PlaceOrder)") && about(span, orderId))
                .getTraceId();

        // What carries the trace to other nodes (through the shared JDBC store or Axon Server): W3C trace context.
        DomainEventMessage<?> placed = eventsOf(orderId).stream()
                .filter(event -> event.getPayloadType() == OrderPlaced.class).findFirst().orElseThrow();
        assertThat(placed.getMetaData().get("traceparent")).asString().startsWith("00-" + traceId + "-");

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<SpanData> trace = spansOf(traceId);
            assertThat(pathToRoot(trace, "OrderFulfillmentSaga.on(OrderPlaced)")).as("the saga's step")
                    .containsSubsequence("OrderFulfillmentSaga.on(OrderPlaced)",
                            "StreamingEventProcessor.process(OrderPlaced)", "EventBus.publishEvent(OrderPlaced)",
                            "CommandBus.handleCommand(PlaceOrder)", "http post /api/orders");
            assertThat(pathToRoot(trace, "MyOrdersProjector.on(OrderPlaced")).as("the my-orders projector")
                    .containsSubsequence("StreamingEventProcessor.process(OrderPlaced)",
                            "EventBus.publishEvent(OrderPlaced)", "http post /api/orders");
            assertThat(pathToRoot(trace, "OrderTimelineProjector.on(")).as("the order-timeline projector")
                    .contains("http post /api/orders");
            // The payment provider answers after the step that asked has committed, on a thread of its own.
            assertThat(pathToRoot(trace, "OrderFulfillmentSaga.on(PaymentAuthorized)")).as("the provider's answer")
                    .containsSubsequence("OrderFulfillmentSaga.on(PaymentAuthorized)",
                            "CommandBus.handleCommand(AuthorizePayment)", "PaymentRelay.handle(ChargePayment)",
                            "OrderFulfillmentSaga.on(OrderStockReserved)", "http post /api/orders");
        });
    }

    @Test
    void aProblemNamesTheTraceOfTheRequestItAnswers() {
        Shop shop = openShop(1, 1_000);
        Map<String, Object> problem = CommerceApi.expectProblem(web.post().uri("/api/orders")
                .header("Authorization", "Bearer " + shop.customerToken)
                .header("Idempotency-Key", CommerceApi.newKey())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CommerceApi.orderBody(shop.sku, -1))
                .exchange(), HttpStatus.BAD_REQUEST);

        assertThat(problem.get("traceId")).asString().matches("[0-9a-f]{32}");
        SpanData request = awaitSpan(span -> span.getTraceId().equals(problem.get("traceId")));
        assertThat(spansOf(request.getTraceId())).anyMatch(span -> span.getKind() == SpanKind.SERVER
                && span.getName().contains("/api/orders"));
    }

    @Test
    void aProblemOfTheSecurityChainNamesItsTraceToo() {
        Map<String, Object> problem = CommerceApi.expectProblem(web.get().uri("/api/me/orders")
                .header("Authorization", "Bearer not-a-token").exchange(), HttpStatus.UNAUTHORIZED);

        assertThat(problem.get("traceId")).asString().matches("[0-9a-f]{32}");
        awaitSpan(span -> span.getTraceId().equals(problem.get("traceId")) && span.getKind() == SpanKind.SERVER);
    }

    @Test
    void noSpanLeavesTheNodeWithoutAnOtlpEndpoint() {
        assertThat(applicationContext.getBeansOfType(SpanExporter.class).values())
                .noneMatch(exporter -> exporter instanceof OtlpHttpSpanExporter
                        || exporter instanceof OtlpGrpcSpanExporter);
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> wanted) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> InMemorySpans.finished(tracerProvider, spans).stream().filter(wanted).findFirst(),
                        found -> found.isPresent())
                .orElseThrow();
    }

    private List<SpanData> spansOf(String traceId) {
        return InMemorySpans.finished(tracerProvider, spans).stream()
                .filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /**
     * @return the names of the first span named like {@code name} in the trace and of all its ancestors, up to the
     * root; empty if there is no such span yet
     */
    private static List<String> pathToRoot(List<SpanData> trace, String name) {
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, span -> span));
        List<String> path = new ArrayList<>();
        SpanData span = trace.stream().filter(candidate -> candidate.getName().startsWith(name)).findFirst()
                .orElse(null);
        while (span != null) {
            path.add(span.getName());
            span = byId.get(span.getParentSpanId());
        }
        return path;
    }

    /** Axon names a message's aggregate and metadata (its flow) among a span's attributes. */
    private static boolean about(SpanData span, String orderId) {
        return span.getAttributes().asMap().values().stream().anyMatch(value -> orderId.equals(String.valueOf(value)));
    }
}

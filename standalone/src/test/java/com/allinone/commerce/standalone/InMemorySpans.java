package com.allinone.commerce.standalone;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Keeps the finished spans of the shared test app in memory, beside any exporter the app declares itself. */
@TestConfiguration(proxyBeanMethods = false)
class InMemorySpans {

    @Bean
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }

    /** The spans finished so far, after pushing out those the batch processor still holds. */
    static List<SpanData> finished(SdkTracerProvider tracerProvider, InMemorySpanExporter exporter) {
        tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
        return exporter.getFinishedSpanItems();
    }
}

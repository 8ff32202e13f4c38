package dev.orders.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class MessagingSpansTest {

    private static final String STORED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final MessagingSpans spans = new MessagingSpans(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build());

    @Test
    void thePublishSpanContinuesTheEventsTraceAndTheRecordNamesIt() {
        Map<String, String> headers = new HashMap<>(Map.of("traceparent", STORED));

        spans.startPublish("orders.events.v1", "event-1", Map.of("traceparent", STORED), headers).end();

        SpanData publish = exported.getFinishedSpanItems().get(0);
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getName()).isEqualTo("publish orders.events.v1");
        assertThat(publish.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(publish.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(headers.get("traceparent"))
                .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-" + publish.getSpanId() + "-01");
    }

    @Test
    void theProcessSpanIsAChildOfThePublishSpanNamedInTheRecord() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01"
                .getBytes(StandardCharsets.UTF_8));

        Span span = spans.startProcess("orders.events.v1", 2, 41, "event-1", headers);
        span.end();

        SpanData process = exported.getFinishedSpanItems().get(0);
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(process.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void withoutTheSdkTheRecordKeepsTheEventsOwnTraceparent() {
        Map<String, String> headers = new HashMap<>(Map.of("traceparent", STORED));

        MessagingSpans.none().startPublish("orders.events.v1", "event-1", Map.of("traceparent", STORED), headers)
                .end();

        assertThat(headers).containsEntry("traceparent", STORED);
    }
}

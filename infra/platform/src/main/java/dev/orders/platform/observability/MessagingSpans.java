package dev.orders.platform.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Spans of integration events on Kafka, following OpenTelemetry's messaging conventions: a producer span per
 * published record, child of the trace the event was stored in, whose context travels in the record's W3C
 * {@code traceparent} header; a consumer span per processed record, child of that producer span.
 */
public final class MessagingSpans {

    private static final String SYSTEM = "kafka";

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public MessagingSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.orders.kafka");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Spans that record nothing and propagate nothing: for tests and for code that runs without the SDK. */
    public static MessagingSpans none() {
        return new MessagingSpans(OpenTelemetry.noop());
    }

    /**
     * Starts the producer span of one record. {@code attributes} are the record's string headers as the event carries
     * them (its {@code traceparent} names the parent); the span's own context is written into {@code headers}.
     */
    public Span startPublish(String topic, String messageId, Map<String, String> attributes,
                             Map<String, String> headers) {
        Context parent = propagator.extract(Context.root(), attributes, MapGetter.INSTANCE);
        Span span = tracer.spanBuilder("publish " + topic)
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", SYSTEM)
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", messageId)
                .startSpan();
        propagator.inject(parent.with(span), headers, (carrier, key, value) -> carrier.put(key, value));
        return span;
    }

    /** Starts the consumer span of one received record, child of the producer span named in its headers. */
    public Span startProcess(String topic, int partition, long offset, String messageId, Headers headers) {
        Context parent = propagator.extract(Context.root(), headers, HeadersGetter.INSTANCE);
        return tracer.spanBuilder("process " + topic)
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", SYSTEM)
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.destination.partition.id", String.valueOf(partition))
                .setAttribute("messaging.kafka.offset", offset)
                .setAttribute("messaging.message.id", messageId == null ? "" : messageId)
                .startSpan();
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }

    private enum HeadersGetter implements TextMapGetter<Headers> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            if (carrier == null) {
                return null;
            }
            Header header = carrier.lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    }
}

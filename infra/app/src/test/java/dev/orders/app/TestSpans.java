package dev.orders.app;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The spans the application under test finished, kept in memory. Being an exporter, it also switches recording on
 * (without one the application records nothing), and it is exported through the same batch processor as in
 * production, off the request threads.
 */
final class TestSpans {

    /** Beyond this many spans the memory starts over: the whole test run places thousands of orders. */
    private static final int CAPACITY = 50_000;
    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
    private static final AtomicInteger HELD = new AtomicInteger();

    private TestSpans() {
    }

    static List<SpanData> finished() {
        return EXPORTER.getFinishedSpanItems();
    }

    /** Forgets every span finished so far. */
    static void reset() {
        EXPORTER.reset();
        HELD.set(0);
    }

    static List<SpanData> ofTrace(String traceId) {
        return finished().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Exporter {

        @Bean
        SpanExporter inMemorySpanExporter() {
            return new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    if (HELD.addAndGet(spans.size()) > CAPACITY) {
                        reset();
                    }
                    return EXPORTER.export(spans);
                }

                @Override
                public CompletableResultCode flush() {
                    return EXPORTER.flush();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
        }
    }
}

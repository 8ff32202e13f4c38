package dev.orders.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

class TracingConfigurationTest {

    private final TracingConfiguration configuration = new TracingConfiguration();

    @Test
    void recordsNothingWhenNothingExports() {
        Sampler sampler = configuration.otelSampler(exporters(), new MockEnvironment());

        assertThat(decision(sampler)).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void samplesEveryTraceOnceSomethingExports() {
        Sampler sampler = configuration.otelSampler(exporters(InMemorySpanExporter.create()),
                new MockEnvironment().withProperty("management.tracing.sampling.probability", "1.0"));

        assertThat(decision(sampler)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void followsTheConfiguredSampler() {
        Sampler sampler = configuration.otelSampler(exporters(InMemorySpanExporter.create()),
                new MockEnvironment().withProperty("management.opentelemetry.tracing.sampler", "ALWAYS_OFF"));

        assertThat(decision(sampler)).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void logsSpansOnlyWhenTheExporterListNamesLogging() {
        assertThat(LoggingExportCondition.namesLogging("logging")).isTrue();
        assertThat(LoggingExportCondition.namesLogging("otlp, Logging")).isTrue();
        assertThat(LoggingExportCondition.namesLogging("otlp")).isFalse();
        assertThat(LoggingExportCondition.namesLogging("")).isFalse();
    }

    private static SamplingDecision decision(Sampler sampler) {
        return sampler.shouldSample(Context.root(), "0af7651916cd43dd8448eb211c80319c", "span", SpanKind.SERVER,
                Attributes.empty(), List.of()).getDecision();
    }

    private static ObjectProvider<SpanExporter> exporters(SpanExporter... exporters) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        for (int i = 0; i < exporters.length; i++) {
            beans.registerSingleton("exporter" + i, exporters[i]);
        }
        return beans.getBeanProvider(SpanExporter.class);
    }
}

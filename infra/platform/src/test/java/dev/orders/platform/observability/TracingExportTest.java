package dev.orders.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which exporter runs follows the OTEL_* settings; with none, nothing is exported or recorded. */
class TracingExportTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, OtlpTracingAutoConfiguration.class))
            .withUserConfiguration(TracingConfiguration.class);

    @Test
    void exportsNothingAndRecordsNothingByDefault() {
        context.run(app -> {
            assertThat(app).doesNotHaveBean(SpanExporter.class);
            assertThat(app.getBean(Sampler.class)).isEqualTo(Sampler.alwaysOff());
            assertThat(app.getBean(SpanFactory.class)).isInstanceOf(OpenTelemetrySpanFactory.class);
        });
    }

    @Test
    void exportsOverOtlpToTheConfiguredEndpoint() {
        // What Boot makes of OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318.
        context.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://collector:4318/v1/traces")
                .run(app -> {
                    assertThat(app).hasSingleBean(OtlpHttpSpanExporter.class);
                    assertThat(app).doesNotHaveBean(LoggingSpanExporter.class);
                    assertThat(app.getBean(Sampler.class)).isNotEqualTo(Sampler.alwaysOff());
                });
    }

    @Test
    void logsSpansWhenAskedTo() {
        context.withPropertyValues("OTEL_TRACES_EXPORTER=logging")
                .run(app -> {
                    assertThat(app).hasSingleBean(LoggingSpanExporter.class);
                    assertThat(app).doesNotHaveBean(OtlpHttpSpanExporter.class);
                });
    }
}

package dev.orders.platform.observability;

import io.micrometer.tracing.otel.bridge.Slf4JEventListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Locale;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * One OpenTelemetry SDK (Spring Boot's) for every span: Spring's observations (HTTP server, WebClient) through
 * Micrometer's bridge, and Axon's messages through its OpenTelemetry span factory, which carries the trace context
 * in each message's metadata. Export follows the standard {@code OTEL_*} variables (Boot maps them); without an
 * exporter nothing is recorded at all (see {@link #otelSampler}).
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    static final String INSTRUMENTATION = "dev.orders.axon";

    /** Axon's spans in the same SDK, and the trace context in the metadata of every command, event and query. */
    @Bean
    public SpanFactory axonSpanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer(INSTRUMENTATION))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                .build();
    }

    /**
     * Records spans only when something exports them: with no exporter configured (the embedded default) every
     * span is a non-recording one, which still carries trace and span ids into logs and {@code traceparent}
     * headers but costs next to nothing. Otherwise Boot's sampler settings apply, sampling every trace by default.
     */
    @Bean
    public Sampler otelSampler(ObjectProvider<SpanExporter> exporters, Environment environment) {
        if (exporters.stream().findAny().isEmpty()) {
            return Sampler.alwaysOff();
        }
        double probability = environment.getProperty("management.tracing.sampling.probability", Double.class, 1.0);
        String type = environment.getProperty("management.opentelemetry.tracing.sampler",
                "PARENT_BASED_TRACE_ID_RATIO");
        return switch (type.toUpperCase(Locale.ROOT).replace('-', '_')) {
            case "ALWAYS_ON" -> Sampler.alwaysOn();
            case "ALWAYS_OFF" -> Sampler.alwaysOff();
            case "TRACE_ID_RATIO" -> Sampler.traceIdRatioBased(probability);
            case "PARENT_BASED_ALWAYS_ON" -> Sampler.parentBased(Sampler.alwaysOn());
            case "PARENT_BASED_ALWAYS_OFF" -> Sampler.parentBased(Sampler.alwaysOff());
            default -> Sampler.parentBased(Sampler.traceIdRatioBased(probability));
        };
    }

    /** {@code OTEL_TRACES_EXPORTER=logging}: each finished span as one log line (logger {@code ...LoggingSpanExporter}). */
    @Bean
    @Conditional(LoggingExportCondition.class)
    public LoggingSpanExporter loggingSpanExporter() {
        return LoggingSpanExporter.create();
    }

    /** Trace and span ids in the logging context under the names the JSON logs use. */
    @Bean
    public Slf4JEventListener otelSlf4JEventListener() {
        return new Slf4JEventListener(LogFields.TRACE_ID, LogFields.SPAN_ID);
    }

    /** The order id and trace ids in the logging context while event processors and sagas handle a message. */
    @Bean
    public ConfigurerModule orderLogContextForEvents() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((configuration, processor) -> new OrderLogContext());
    }

    /** The same while a command is handled. */
    @Bean
    public SmartInitializingSingleton orderLogContextForCommands(ObjectProvider<CommandBus> commandBus) {
        return () -> commandBus.ifAvailable(bus -> bus.registerHandlerInterceptor(new OrderLogContext()));
    }
}

package dev.orders.platform.observability;

import java.util.Arrays;
import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** {@code OTEL_TRACES_EXPORTER} (or {@code otel.traces.exporter}) names {@code logging} among its exporters. */
class LoggingExportCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String exporters = context.getEnvironment().getProperty("OTEL_TRACES_EXPORTER",
                context.getEnvironment().getProperty("otel.traces.exporter", ""));
        return namesLogging(exporters);
    }

    static boolean namesLogging(String exporters) {
        return Arrays.stream(exporters.split(","))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .anyMatch("logging"::equals);
    }
}

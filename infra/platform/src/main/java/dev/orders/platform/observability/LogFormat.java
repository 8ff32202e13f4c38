package dev.orders.platform.observability;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the console log format from {@code ORDERS_LOG_FORMAT}: {@code console} (readable lines, the default),
 * {@code json} (one Elastic Common Schema JSON object per line), or any of Boot's structured formats by name
 * ({@code ecs}, {@code logstash}, {@code gelf}). An explicit {@code logging.structured.format.console} wins.
 * Runs before the logging system starts.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String VARIABLE = "ORDERS_LOG_FORMAT";
    static final String STRUCTURED_FORMAT = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String chosen = environment.getProperty(VARIABLE);
        if (chosen == null || chosen.isBlank() || environment.containsProperty(STRUCTURED_FORMAT)) {
            return;
        }
        String structured = structuredFormat(chosen);
        if (structured != null) {
            environment.getPropertySources().addLast(new MapPropertySource("ordersLogFormat",
                    Map.of(STRUCTURED_FORMAT, structured)));
        }
    }

    /** Boot's structured format for a value of {@code ORDERS_LOG_FORMAT}, {@code null} for the readable one. */
    static String structuredFormat(String chosen) {
        String format = chosen.trim().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "console", "text", "plain" -> null;
            case "json" -> "ecs";
            case "ecs", "logstash", "gelf" -> format;
            default -> throw new IllegalArgumentException(VARIABLE + " must be console, json, ecs, logstash or gelf, not '"
                    + chosen + "'");
        };
    }
}

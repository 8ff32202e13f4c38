package dev.orders.platform.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gauges that are counted in the background rather than on scrape ({@code orders.metrics.*}).
 *
 * @param refreshInterval how often processor lag, active sagas and orders by status are counted again
 */
@ConfigurationProperties("orders.metrics")
public record MetricsSettings(@DefaultValue("15s") Duration refreshInterval) {

    public MetricsSettings {
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("orders.metrics.refresh-interval must be positive");
        }
    }
}

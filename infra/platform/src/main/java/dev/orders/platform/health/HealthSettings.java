package dev.orders.platform.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Readiness settings ({@code orders.health.*}).
 *
 * @param processorStallAfter how long an event processor may lag the event store's head without its token moving
 *                            before the instance reports not ready
 * @param kafkaTimeout        how long the Kafka check waits for the broker to describe its cluster
 */
@ConfigurationProperties("orders.health")
public record HealthSettings(@DefaultValue("60s") Duration processorStallAfter,
                             @DefaultValue("2s") Duration kafkaTimeout) {

    public HealthSettings {
        if (processorStallAfter.isNegative() || processorStallAfter.isZero()) {
            throw new IllegalArgumentException("orders.health.processor-stall-after must be positive");
        }
        if (kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
            throw new IllegalArgumentException("orders.health.kafka-timeout must be positive");
        }
    }
}

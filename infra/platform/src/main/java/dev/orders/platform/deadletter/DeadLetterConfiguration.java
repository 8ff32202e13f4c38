package dev.orders.platform.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Dead letters: processing groups with {@code axon.eventhandling.processors.<name>.dlq.enabled=true} park an event
 * whose handler fails in Axon's JDBC sequenced dead-letter queue ({@code axon.deadletterentry}, created by Flyway),
 * together with every later event of the same aggregate, while all other aggregates carry on. Axon's JDBC
 * auto-configuration provides the queues; this adds what PostgreSQL and operators need.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    public DeadLetteringGroups deadLetteringGroups(EventProcessorProperties properties) {
        return DeadLetteringGroups.from(properties);
    }

    /** Picked up by Axon for every message handler; it guards only the dead-lettering groups' event handlers. */
    @Bean
    SavepointPerEvent savepointPerEvent(DeadLetteringGroups groups, JdbcTransactionManager transactions,
                                        JdbcTemplate jdbc) {
        return new SavepointPerEvent(groups, transactions, jdbc);
    }

    /** Every dead-lettering group counts failed attempts in its letters' diagnostics. */
    @Bean
    public ConfigurerModule deadLetterPolicy() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultDeadLetterPolicy(configuration -> new AttemptCountingPolicy());
    }

    @Bean
    public DeadLetters deadLetters(DeadLetteringGroups groups, ObjectProvider<Configuration> axon) {
        return new DeadLetters(groups, axon);
    }

    @Bean
    DeadLetterMetrics deadLetterMetrics(DeadLetters deadLetters, MeterRegistry registry,
                                        @Value("${orders.dead-letters.metrics-interval:5s}") Duration interval) {
        return new DeadLetterMetrics(deadLetters, registry, interval);
    }
}

package dev.orders.platform.health;

import dev.orders.platform.events.KafkaSettings;
import dev.orders.platform.persistence.JdbcScheduler;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicators that the readiness group adds to the database checks Boot provides ({@code db},
 * {@code r2dbc}): {@code eventProcessors} everywhere, {@code kafka} only in the roles that talk to Kafka. Which
 * indicators make up readiness is configuration ({@code management.endpoint.health.group.readiness}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthSettings.class)
public class HealthConfiguration {

    /** This instance's event processors: running, not in error, not stalled. */
    @Bean
    EventProcessorsHealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration processing,
                                                                  EventStore eventStore, JdbcScheduler jdbc,
                                                                  HealthSettings settings) {
        return new EventProcessorsHealthIndicator(processing, eventStore,
                new StallWatch(settings.processorStallAfter(), Clock.systemUTC()), jdbc.scheduler());
    }

    /** Kafka, where the publisher (saga role) or the notification consumer runs. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole({InstanceRole.SAGA, InstanceRole.NOTIFICATION})
    static class KafkaHealth {

        @Bean(destroyMethod = "close")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaSettings kafka, HealthSettings settings) {
            int timeout = (int) settings.kafkaTimeout().toMillis();
            Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-health",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                    // A broker that is down is retried on the next check, not in a tight loop in between.
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000));
            return new KafkaHealthIndicator(admin, settings.kafkaTimeout());
        }
    }
}

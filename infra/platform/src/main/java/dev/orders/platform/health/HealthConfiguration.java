package dev.orders.platform.health;

import dev.orders.platform.events.KafkaSettings;
import dev.orders.platform.metrics.MetricsSettings;
import dev.orders.platform.metrics.PeriodicRefresh;
import dev.orders.platform.persistence.JdbcScheduler;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The health indicators that the readiness group adds to the database checks Boot provides ({@code db},
 * {@code r2dbc}): {@code eventProcessors} everywhere, {@code kafka} only in the roles that talk to Kafka. Which
 * indicators make up readiness is configuration ({@code management.endpoint.health.group.readiness}). The
 * processors' positions that readiness reads are also the lag gauges.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HealthSettings.class, MetricsSettings.class})
public class HealthConfiguration {

    @Bean
    ProcessorLags processorLags(EventProcessingConfiguration processing, EventStore eventStore) {
        return new ProcessorLags(processing, eventStore);
    }

    /** This instance's event processors: running, not in error, not stalled. */
    @Bean
    EventProcessorsHealthIndicator eventProcessorsHealthIndicator(ProcessorLags lags, JdbcScheduler jdbc,
                                                                  HealthSettings settings) {
        return new EventProcessorsHealthIndicator(lags,
                new StallWatch(settings.processorStallAfter(), Clock.systemUTC()), jdbc.scheduler());
    }

    /** The same positions as gauges, read in the background: how far each processor is behind the head. */
    @Bean
    PeriodicRefresh processorLagMetrics(ProcessorLags lags, MeterRegistry meters, JdbcScheduler jdbc,
                                        MetricsSettings settings) {
        ProcessorLagMetrics metrics = new ProcessorLagMetrics(lags, meters);
        return new PeriodicRefresh("event processor lag", settings.refreshInterval(),
                () -> Mono.fromRunnable(metrics::refresh).subscribeOn(jdbc.scheduler()));
    }

    /** The readiness group's answer as a gauge, for alerts. */
    @Bean
    PeriodicRefresh readinessMetric(ObjectProvider<ReactiveHealthEndpointWebExtension> health, MeterRegistry meters,
                                    MetricsSettings settings) {
        ReadinessMetric metric = new ReadinessMetric(health, meters);
        return new PeriodicRefresh("readiness", settings.refreshInterval(), metric::refresh);
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

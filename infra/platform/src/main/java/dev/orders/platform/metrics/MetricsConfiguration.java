package dev.orders.platform.metrics;

import dev.orders.platform.persistence.JdbcScheduler;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.config.SagaConfiguration;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.publisher.Mono;

/**
 * Meters beyond Boot's own (HTTP server and client, JVM, pools). Axon's, through {@code axon-micrometer} in its
 * dimensional form: per event processor ({@code eventProcessor_*}, tags {@code processorName}, {@code payloadType}:
 * messages ingested, succeeded, failed, handling time, capacity, and latency = now minus the event's timestamp), and
 * per bus and the event store ({@code commandBus_*}, {@code queryBus_*}, {@code eventStore_*}, tag
 * {@code payloadType}). Declared here rather than by Axon's auto-configuration, whose ordering still names Spring
 * Boot 3's metrics classes: on Boot 4 it could run before the Prometheus registry exists and register a meter
 * registry of its own (it is excluded in {@code application.yml}). Further the saga gauges of the saga role, and the
 * resilience4j registries that the guarded clients share so that their breakers, retries, bulkheads and time limiters
 * are reported.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsSettings.class)
public class MetricsConfiguration {

    @Bean
    GlobalMetricRegistry axonMetricRegistry(MeterRegistry meters) {
        return new GlobalMetricRegistry(meters);
    }

    /** Dimensional: one meter name per kind of figure, the processor and the payload type as tags. */
    @Bean
    MetricsConfigurerModule axonMetricsConfigurerModule(GlobalMetricRegistry registry) {
        return new MetricsConfigurerModule(registry, true);
    }

    /** Active sagas and the oldest one's age, per saga type; the saga role runs them, so it counts them. */
    @Bean
    @ConditionalOnRole(InstanceRole.SAGA)
    PeriodicRefresh sagaMetrics(JdbcTemplate jdbc, MeterRegistry meters, JdbcScheduler scheduler,
                                org.axonframework.config.Configuration axon, MetricsSettings settings) {
        SagaMetrics sagas = new SagaMetrics(jdbc, meters, () -> axon.eventProcessingConfiguration()
                .sagaConfigurations().stream().<Class<?>>map(SagaConfiguration::type).toList(), Clock.systemUTC());
        return new PeriodicRefresh("active sagas", settings.refreshInterval(),
                () -> Mono.fromRunnable(sagas::refresh).subscribeOn(scheduler.scheduler()));
    }

    /** The shared resilience4j registries, each breaker, retry, bulkhead and time limiter reported to Micrometer. */
    @Bean
    ResilienceRegistries resilienceRegistries(MeterRegistry meters) {
        return ResilienceRegistries.meteredBy(meters);
    }
}

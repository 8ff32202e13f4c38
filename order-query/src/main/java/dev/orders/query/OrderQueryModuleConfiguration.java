package dev.orders.query;

import dev.orders.platform.metrics.MetricsSettings;
import dev.orders.platform.metrics.PeriodicRefresh;
import dev.orders.platform.persistence.ModuleSchema;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** The order query module: read-model schema, the order-view projection, and the query and SSE endpoints. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsSettings.class)
@ComponentScan(basePackageClasses = OrderQueryModuleConfiguration.class)
public class OrderQueryModuleConfiguration {

    /** Orders per status in the read model, counted in the background on the query instances. */
    @Bean
    @ConditionalOnRole(InstanceRole.QUERY)
    PeriodicRefresh orderStatusMetrics(DatabaseClient database, MeterRegistry meters, MetricsSettings settings) {
        OrderStatusMetrics metrics = new OrderStatusMetrics(database, meters);
        return new PeriodicRefresh("orders by status", settings.refreshInterval(), metrics::refresh);
    }

    @Bean
    public ModuleSchema orderQuerySchema() {
        return new ModuleSchema("order_query", "classpath:db/migration/order_query");
    }

    /**
     * Failures propagate so the processor retries the event instead of skipping a view update. The processor itself
     * is declared by the app ({@code axon.eventhandling.processors.order-view}) with a single segment, so change-log
     * positions are assigned in commit order and "after position n" never skips a row that commits later.
     */
    @Bean
    public ConfigurerModule orderViewProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(OrderProjection.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}

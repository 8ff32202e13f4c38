package dev.orders.query;

import dev.orders.platform.persistence.ModuleSchema;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The order query module: read-model schema, the order-view projection, and the query and SSE endpoints. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = OrderQueryModuleConfiguration.class)
public class OrderQueryModuleConfiguration {

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

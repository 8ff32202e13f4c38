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
     * One segment, so change-log positions are assigned in commit order and "after position n" never skips a row
     * that commits later. Only configures the processor (the app declares it, pooled, under
     * {@code axon.eventhandling.processors.order-view}; a tracking processor has one segment by default), so the
     * two never collide. Failures propagate so the processor retries the event instead of skipping a view update.
     */
    @Bean
    public ConfigurerModule orderViewProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(OrderProjection.PROCESSING_GROUP,
                        (configuration, builder) -> builder.initialSegmentCount(1).maxClaimedSegments(1))
                .registerListenerInvocationErrorHandler(OrderProjection.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}

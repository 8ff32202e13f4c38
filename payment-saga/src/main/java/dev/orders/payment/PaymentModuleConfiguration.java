package dev.orders.payment;

import dev.orders.platform.metrics.ResilienceRegistries;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** The payment module: fulfilment saga, Payment aggregate and the provider adapter with its resilience policy. */
@ConditionalOnRole(InstanceRole.SAGA)
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PaymentProperties.class, FulfilmentSettings.class})
public class PaymentModuleConfiguration {

    /** The saga's processing group: Axon names it after the saga type. */
    static final String SAGA_PROCESSING_GROUP = "OrderFulfilmentSagaProcessor";

    /** Built from Boot's WebClient.Builder, so that its calls are in {@code http.client.requests}. */
    @Bean
    PaymentProviderClient paymentProviderClient(PaymentProperties properties, WebClient.Builder builder,
                                                ResilienceRegistries registries, MeterRegistry meters) {
        return PaymentProviderClient.create(builder, properties, registries, meters);
    }

    /**
     * Axon's default only logs a failing handler and moves on. A capture or void that failed must be retried,
     * and a saga must not skip an event, so both groups hand failures to the processor, which backs off and
     * retries the event.
     */
    @Bean
    ConfigurerModule paymentErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(PaymentProviderHandler.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(SAGA_PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}

package dev.orders.platform.events;

import java.util.Set;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Integration events: the Kafka topics (created at start when missing), the publisher port and the processor that
 * publishes every domain event. The processor itself is declared by the app
 * ({@code axon.eventhandling.processors.kafka-publisher}): tracking, one segment, so events leave in the order they
 * were stored.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
public class IntegrationEventsConfiguration {

    @Bean(destroyMethod = "close")
    public KafkaIntegrationEventPublisher integrationEventPublisher(KafkaSettings settings) {
        IntegrationTopicsAdmin.ensureTopics(settings,
                Set.of(IntegrationTopics.ORDER_EVENTS, IntegrationTopics.ORDER_EVENTS_DLT));
        return KafkaIntegrationEventPublisher.create(settings, IntegrationTopics.ORDER_EVENTS);
    }

    @Bean
    IntegrationEventRelay integrationEventRelay(IntegrationEventPublisher publisher, KafkaSettings settings) {
        // Beyond the producer's own delivery time-out, which fails the publish first.
        return new IntegrationEventRelay(new DomainEventMapper(), publisher,
                settings.publishTimeout().plusSeconds(5));
    }

    /** A failed publish must fail the batch so that the processor retries it, never skip it. */
    @Bean
    public ConfigurerModule integrationEventRelayErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(IntegrationEventRelay.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}

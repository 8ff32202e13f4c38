package dev.orders.platform.events;

import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
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
 *
 * <p>Only the roles that talk to Kafka load it: the saga role publishes (the publisher is an event processor like the
 * saga's, and command and query instances then start without a broker), the notification role consumes. Both make
 * sure the topics exist.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole({InstanceRole.SAGA, InstanceRole.NOTIFICATION})
@EnableConfigurationProperties(KafkaSettings.class)
public class IntegrationEventsConfiguration {

    /** The system's topics, created at start when missing, before anything produces to or consumes from them. */
    @Bean
    public IntegrationTopics.Ensured integrationTopics(KafkaSettings settings) {
        IntegrationTopicsAdmin.ensureTopics(settings,
                Set.of(IntegrationTopics.ORDER_EVENTS, IntegrationTopics.ORDER_EVENTS_DLT));
        return new IntegrationTopics.Ensured();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnRole(InstanceRole.SAGA)
    public KafkaIntegrationEventPublisher integrationEventPublisher(KafkaSettings settings,
                                                                    IntegrationTopics.Ensured topics) {
        return KafkaIntegrationEventPublisher.create(settings, IntegrationTopics.ORDER_EVENTS);
    }

    @Bean
    @ConditionalOnRole(InstanceRole.SAGA)
    IntegrationEventRelay integrationEventRelay(IntegrationEventPublisher publisher, KafkaSettings settings,
                                                MeterRegistry meters) {
        // Beyond the producer's own delivery time-out, which fails the publish first.
        return new IntegrationEventRelay(new DomainEventMapper(), publisher,
                settings.publishTimeout().plusSeconds(5), meters, Clock.systemUTC());
    }

    /** A failed publish must fail the batch so that the processor retries it, never skip it. */
    @Bean
    @ConditionalOnRole(InstanceRole.SAGA)
    public ConfigurerModule integrationEventRelayErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(IntegrationEventRelay.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}

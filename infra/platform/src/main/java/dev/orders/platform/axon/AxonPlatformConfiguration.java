package dev.orders.platform.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import tools.jackson.databind.DeserializationFeature;

/** Axon wiring that auto-configuration gets wrong or leaves open on our stack. */
@Configuration(proxyBeanMethods = false)
public class AxonPlatformConfiguration {

    /**
     * On Boot 4 Axon's transaction auto-configuration runs before the JDBC transaction manager exists and
     * silently falls back to no transactions; this bean pins it to the JDBC one.
     */
    @Bean
    @Primary
    public TransactionManager axonTransactionManager(JdbcTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /**
     * PostgreSQL reports a duplicate key by SQL state (23505) with error code 0, which Axon's default resolver (by
     * error code) does not recognise: a second writer's append to the same aggregate then surfaced as a plain
     * {@code EventStoreException} instead of a {@code ConcurrencyException}, so it was not retried. With several
     * instances (and aggregate caches) that race is routine.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }

    /**
     * Sagas keep their state in private fields without accessors; records and events are unaffected.
     * Unknown properties are ignored so that older readers tolerate newer events.
     */
    @Bean
    public Jackson3SerializerCustomizer jackson3SerializerCustomizer() {
        return builder -> builder
                .changeDefaultVisibility(visibility -> visibility
                        .withVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                        .withVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                        .withVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The command gateway every sender uses: lost races are retried (see {@link RaceRetryScheduler}). */
    @Bean(destroyMethod = "")
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(RaceRetryScheduler.create(25, 8))
                .build();
    }
}

package dev.orders.platform.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.modelling.command.ConcurrencyException;
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

    /**
     * Retries a command only when it lost a race: an optimistic-concurrency conflict (another writer appended to
     * the same aggregate first, e.g. a second instance or a duplicate creation) or lock contention (a saga holds
     * one stock item's lock until its unit of work commits, so two sagas reserving the same SKUs in a different
     * order can meet in a detected deadlock). Domain errors are final.
     */
    @Bean(destroyMethod = "")
    public CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retryExecutor = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        IntervalRetryScheduler retries = IntervalRetryScheduler.builder()
                .retryExecutor(retryExecutor)
                .retryInterval(25)
                .maxRetryCount(8)
                .nonTransientFailurePredicate(failure -> !lostARace(failure))
                .build();
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retries).build();
    }

    static boolean lostARace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof DeadlockException) {
                return true;
            }
        }
        return false;
    }
}

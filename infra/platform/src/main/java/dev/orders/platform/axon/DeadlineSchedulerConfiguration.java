package dev.orders.platform.axon;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Durable deadlines: Axon's db-scheduler deadline manager (auto-configured once a {@link Scheduler} bean
 * exists) keeps deadlines in PostgreSQL, so a saga's time-out fires after a restart and on exactly one
 * instance.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineSchedulerConfiguration {

    @Bean(destroyMethod = "")
    public Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks,
                                       @Value("${orders.deadlines.polling-interval:PT0.5S}") Duration pollingInterval,
                                       @Value("${orders.deadlines.threads:2}") int threads) {
        return Scheduler.create(dataSource, new ArrayList<>(tasks))
                .tableName("scheduled_tasks")
                .threads(threads)
                .pollingInterval(pollingInterval)
                .heartbeatInterval(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Axon's auto-configured deadline manager, built the same way, but tolerant of a deadline firing while it is
     * cancelled (see {@link RaceTolerantDeadlineManager}). The scheduler is started and stopped below, not by Axon.
     */
    @Bean
    public DeadlineManager deadlineManager(Scheduler deadlineScheduler, org.axonframework.config.Configuration axon,
                                           @Qualifier("eventSerializer") Serializer serializer,
                                           TransactionManager transactionManager,
                                           DeadlineManagerSpanFactory spanFactory) {
        return new RaceTolerantDeadlineManager(DbSchedulerDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .startScheduler(false)
                .stopScheduler(false), deadlineScheduler);
    }

    /**
     * Starts polling once Axon's handlers are registered and stops before they go away. Only where sagas run: they
     * own every deadline, and an instance without them would claim a due deadline and find no one to deliver it to.
     */
    @Bean
    @ConditionalOnRole(InstanceRole.SAGA)
    public SmartLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 10;
            }
        };
    }
}

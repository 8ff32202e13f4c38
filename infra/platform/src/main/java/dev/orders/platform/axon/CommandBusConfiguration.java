package dev.orders.platform.axon;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Commands run on a pool of their own, each in its own unit of work and transaction.
 *
 * <p>With Axon's default (synchronous) bus a command sent from an event handler runs nested in the handler's unit of
 * work: the aggregate's lock and the appended events wait for the handler's whole transaction. For the fulfilment
 * saga that meant a hot {@code StockItem} stayed locked while the saga also wrote its own state, deadlines and
 * token, and two sagas reserving the same SKUs in another order met in lock deadlocks. On this bus a command holds
 * one aggregate's lock for exactly its own short transaction. Every command handler is idempotent per order, so a
 * saga that rolls back after its command committed and handles the event again changes nothing twice.
 */
@Configuration(proxyBeanMethods = false)
public class CommandBusConfiguration {

    /** Replaces the auto-configured local segment (Axon Server, when on, routes to it as before). */
    @Bean(destroyMethod = "shutdown")
    @Qualifier("localSegment")
    public AsynchronousCommandBus commandBus(TransactionManager transactionManager,
                                             org.axonframework.config.Configuration axon,
                                             DuplicateCommandHandlerResolver duplicateResolver,
                                             @Value("${orders.commands.threads:8}") int threads) {
        AsynchronousCommandBus bus = AsynchronousCommandBus.builder()
                .executor(commandExecutor(threads))
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }

    /**
     * A fixed pool: command handlers read and append events over JDBC, so more threads than connections only
     * queue on the connection pool. The queue is unbounded because every sender waits for its answer.
     */
    private static ExecutorService commandExecutor(int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "command-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}

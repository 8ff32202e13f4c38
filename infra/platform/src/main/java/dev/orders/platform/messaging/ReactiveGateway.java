package dev.orders.platform.messaging;

import dev.orders.platform.observability.LogFields;
import dev.orders.platform.observability.RequestContext;
import dev.orders.platform.persistence.JdbcScheduler;
import io.micrometer.context.ContextSnapshot;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sends commands and queries from reactive code. Commands run on the command bus's own threads; Axon's query bus
 * runs handlers (JDBC) on the caller's thread, so dispatch always hops off the Netty event loop first. The
 * request's context goes along: the dispatch runs within the request's trace and its logs carry the request's ids.
 */
@Component
public class ReactiveGateway {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final Scheduler scheduler;

    @Autowired
    public ReactiveGateway(CommandGateway commandGateway, QueryGateway queryGateway, JdbcScheduler jdbc) {
        this(commandGateway, queryGateway, jdbc.scheduler());
    }

    public ReactiveGateway(CommandGateway commandGateway, QueryGateway queryGateway, Scheduler scheduler) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.scheduler = scheduler;
    }

    /** Dispatches a command; completes with the handler's result or fails with its exception. */
    public <R> Mono<R> send(Object command) {
        return Mono.deferContextual(context -> {
                    try (ContextSnapshot.Scope ignored = RequestContext.restore(context)) {
                        return Mono.<R>fromFuture(commandGateway.send(withRequestId(command)));
                    }
                })
                .subscribeOn(scheduler);
    }

    /**
     * Commands run on the command bus's own threads, where the request's logging context is not: the request id
     * travels in the command's metadata instead, and the handler's logging context takes it from there.
     */
    private static Object withRequestId(Object command) {
        String requestId = MDC.get(LogFields.REQUEST_ID);
        return requestId == null ? command
                : GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(LogFields.REQUEST_ID, requestId));
    }

    /** Sends a point-to-point query expecting a single instance of {@code type}. */
    public <R> Mono<R> query(Object query, Class<R> type) {
        return Mono.deferContextual(context -> {
                    try (ContextSnapshot.Scope ignored = RequestContext.restore(context)) {
                        return Mono.fromFuture(queryGateway.query(query, ResponseTypes.instanceOf(type)));
                    }
                })
                .subscribeOn(scheduler);
    }
}

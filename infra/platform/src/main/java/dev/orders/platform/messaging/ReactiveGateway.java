package dev.orders.platform.messaging;

import dev.orders.platform.observability.RequestContext;
import dev.orders.platform.persistence.JdbcScheduler;
import io.micrometer.context.ContextSnapshot;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sends commands and queries from reactive code. Axon's local buses run handlers, and append to the event
 * store over JDBC, on the caller's thread, so dispatch always hops off the Netty event loop first. The request's
 * context goes along: the dispatch runs within the request's trace and its logs carry the request's ids.
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
                        return Mono.<R>fromFuture(commandGateway.send(command));
                    }
                })
                .subscribeOn(scheduler);
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

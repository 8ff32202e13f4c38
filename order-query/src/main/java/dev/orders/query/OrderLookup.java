package dev.orders.query;

import dev.orders.api.error.NotFoundException;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Finds one order's view. The view is eventually consistent, so a client that reads or watches an order right
 * after {@code 202 Accepted} may arrive before the projection; when the event store knows the order, the lookup
 * waits (up to {@code orders.query.projection-wait}) for the view instead of answering a misleading 404.
 */
@ConditionalOnRole(InstanceRole.QUERY)
@Component
final class OrderLookup {

    private static final Duration POLL = Duration.ofMillis(50);

    private final OrderReadModel orders;
    private final OrderHistory history;
    private final Duration projectionWait;

    OrderLookup(OrderReadModel orders, OrderHistory history,
                @Value("${orders.query.projection-wait:PT5S}") Duration projectionWait) {
        this.orders = orders;
        this.history = history;
        this.projectionWait = projectionWait;
    }

    /** The order's view; fails with {@link NotFoundException} when there is no such order. */
    Mono<OrderView> find(UUID orderId) {
        return orders.find(orderId)
                .switchIfEmpty(Mono.defer(() -> history.exists(orderId)
                        .flatMap(exists -> exists ? awaitProjection(orderId) : Mono.empty())))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("order", orderId)));
    }

    private Mono<OrderView> awaitProjection(UUID orderId) {
        // Deferred so that every attempt reads again, whatever kind of Mono the read model returns.
        return Mono.defer(() -> orders.find(orderId))
                .repeatWhenEmpty(Integer.MAX_VALUE, attempts -> attempts.delayElements(POLL))
                .timeout(projectionWait, Mono.empty());
    }
}

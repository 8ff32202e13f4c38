package dev.orders.query;

import dev.orders.api.order.OrderStatus;
import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads {@code order_query.orders}. */
interface OrderReadModel {

    /** Empty when the order is unknown. */
    Mono<OrderView> find(UUID orderId);

    /**
     * Orders newest first by (placed_at, order_id), strictly after {@code cursor} when given; every filter is
     * optional ({@code from} inclusive, {@code to} exclusive).
     */
    Flux<OrderView> list(String customerId, OrderStatus status, Instant from, Instant to, OrderCursor cursor,
                         int limit);
}

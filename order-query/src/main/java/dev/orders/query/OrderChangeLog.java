package dev.orders.query;

import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads {@code order_query.order_changes}, always in ascending order. */
interface OrderChangeLog {

    /** The highest position written so far, 0 when the log is empty. */
    Mono<Long> lastPosition();

    /** At most {@code limit} changes of every order after {@code position}. */
    Flux<OrderChange> after(long position, int limit);

    /** One order's changes after its event {@code sequence}. */
    Flux<OrderChange> forOrderAfter(UUID orderId, long sequence);

    /** Every order's changes after log {@code position}, to the end of the log. */
    Flux<OrderChange> allAfter(long position);

    /** One customer's changes after log {@code position}. */
    Flux<OrderChange> forCustomerAfter(String customerId, long position);
}

package dev.orders.query;

import dev.orders.api.error.NotFoundException;
import dev.orders.api.order.OrderEvent;
import dev.orders.platform.persistence.JdbcScheduler;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** An order's events straight from the event store, the source of truth rather than the read model. */
@ConditionalOnRole(InstanceRole.QUERY)
@Component
final class OrderHistory {

    private final EventStore eventStore;
    private final Scheduler jdbc;

    @Autowired
    OrderHistory(EventStore eventStore, JdbcScheduler jdbc) {
        this(eventStore, jdbc.scheduler());
    }

    OrderHistory(EventStore eventStore, Scheduler jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    /** Fails with {@link NotFoundException} when the id has no order events. */
    Mono<List<OrderHistoryEntry>> of(UUID orderId) {
        return Mono.fromCallable(() -> read(orderId))
                // The event store reads over blocking JDBC.
                .subscribeOn(jdbc)
                .filter(entries -> !entries.isEmpty())
                .switchIfEmpty(Mono.error(() -> new NotFoundException("order", orderId)));
    }

    /** Whether the event store holds events for this id (the order was accepted, even if not yet projected). */
    Mono<Boolean> exists(UUID orderId) {
        return Mono.fromCallable(() -> eventStore.lastSequenceNumberFor(orderId.toString()).isPresent())
                .subscribeOn(jdbc);
    }

    /** The order as it was at {@code asOf}, folded from its events; empty when it did not exist yet. */
    Mono<OrderView> asOf(UUID orderId, Instant asOf) {
        return Mono.fromCallable(() -> OrderViews.asOf(recorded(orderId), asOf))
                .subscribeOn(jdbc);
    }

    private List<RecordedOrderEvent> recorded(UUID orderId) {
        // From sequence 0 explicitly: readEvents(id) would start at the latest snapshot.
        DomainEventStream events = eventStore.readEvents(orderId.toString(), 0);
        List<RecordedOrderEvent> recorded = new ArrayList<>();
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            // Another aggregate type with the same id is not this order's history.
            if (event.getPayload() instanceof OrderEvent orderEvent) {
                recorded.add(new RecordedOrderEvent(orderEvent, event.getSequenceNumber(), event.getTimestamp()));
            }
        }
        return recorded;
    }

    private List<OrderHistoryEntry> read(UUID orderId) {
        return recorded(orderId).stream()
                .map(recorded -> new OrderHistoryEntry(recorded.sequence(),
                        recorded.event().getClass().getSimpleName(), recorded.timestamp(), recorded.event()))
                .toList();
    }
}

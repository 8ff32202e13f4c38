package dev.orders.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Money;
import dev.orders.api.error.NotFoundException;
import dev.orders.api.order.OrderEvent.OrderPlaced;
import dev.orders.api.order.OrderEvent.OrderStockReserved;
import dev.orders.api.order.OrderLine;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class OrderHistoryTest {

    private final EventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final OrderHistory history = new OrderHistory(eventStore, Schedulers.boundedElastic());

    @Test
    void listsEveryOrderEventFromTheFirstEvenWhenASnapshotExists() {
        UUID orderId = UUID.randomUUID();
        OrderPlaced placed = new OrderPlaced(orderId, "alice", List.of(new OrderLine("SKU-1", 1, new Money(5, "EUR"))),
                new Money(5, "EUR"), "tok");
        eventStore.publish(new GenericDomainEventMessage<>("Order", orderId.toString(), 0, placed),
                new GenericDomainEventMessage<>("Order", orderId.toString(), 1,
                        new OrderStockReserved(orderId, "alice")));
        eventStore.storeSnapshot(new GenericDomainEventMessage<>("Order", orderId.toString(), 1, "snapshot"));

        StepVerifier.create(history.of(orderId))
                .assertNext(entries -> {
                    assertThat(entries).extracting(OrderHistoryEntry::sequence).containsExactly(0L, 1L);
                    assertThat(entries).extracting(OrderHistoryEntry::type)
                            .containsExactly("OrderPlaced", "OrderStockReserved");
                    assertThat(entries.get(0).payload()).isEqualTo(placed);
                    assertThat(entries.get(0).timestamp()).isNotNull();
                })
                .verifyComplete();
    }

    @Test
    void unknownOrderIsNotFound() {
        StepVerifier.create(history.of(UUID.randomUUID()))
                .expectError(NotFoundException.class)
                .verify();
    }
}

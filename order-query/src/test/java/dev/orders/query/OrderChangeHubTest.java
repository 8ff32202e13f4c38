package dev.orders.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class OrderChangeHubTest {

    private final Sinks.Many<String> triggers = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger reads = new AtomicInteger();
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderChangeLog countingLog = new OrderChangeLog() {
        @Override
        public reactor.core.publisher.Mono<Long> lastPosition() {
            return store.lastPosition();
        }

        @Override
        public Flux<OrderChange> after(long position, int limit) {
            reads.incrementAndGet();
            return store.after(position, limit);
        }

        @Override
        public Flux<OrderChange> forOrderAfter(UUID orderId, long sequence) {
            return store.forOrderAfter(orderId, sequence);
        }

        @Override
        public Flux<OrderChange> allAfter(long position) {
            return store.allAfter(position);
        }

        @Override
        public Flux<OrderChange> forCustomerAfter(String customerId, long position) {
            return store.forCustomerAfter(customerId, position);
        }
    };
    private OrderChangeHub hub;

    @AfterEach
    void stop() {
        hub.stop();
    }

    @Test
    void publishesOnlyChangesMadeAfterItStartedInLogOrder() {
        store.record(view("alice", 0));
        hub = new OrderChangeHub(countingLog, triggers.asFlux(), 500);
        hub.start();

        StepVerifier.create(hub.changes().take(2))
                .then(() -> {
                    store.record(view("bob", 0));
                    store.record(view("carol", 0));
                    triggers.tryEmitNext("notified");
                })
                .assertNext(change -> assertThat(change.position()).isEqualTo(2))
                .assertNext(change -> assertThat(change.position()).isEqualTo(3))
                .verifyComplete();
    }

    @Test
    void readsOncePerTriggerForAllSubscribersAndNeverRepublishes() {
        hub = new OrderChangeHub(countingLog, triggers.asFlux(), 500);
        hub.start();
        List<OrderChange> first = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<OrderChange> second = new java.util.concurrent.CopyOnWriteArrayList<>();
        hub.changes().subscribe(first::add);
        hub.changes().subscribe(second::add);

        store.record(view("alice", 0));
        triggers.tryEmitNext("notified");
        triggers.tryEmitNext("poll");

        assertThat(reads).hasValue(2);
        assertThat(first).extracting(OrderChange::position).containsExactly(1L);
        assertThat(second).extracting(OrderChange::position).containsExactly(1L);
    }

    @Test
    void drainsABacklogLargerThanOnePage() {
        hub = new OrderChangeHub(countingLog, triggers.asFlux(), 2);
        hub.start();

        StepVerifier.create(hub.changes().take(5).map(OrderChange::position))
                .then(() -> {
                    for (int i = 0; i < 5; i++) {
                        store.record(view("alice", i));
                    }
                    triggers.tryEmitNext("connected");
                })
                .expectNext(1L, 2L, 3L, 4L, 5L)
                .verifyComplete();
    }

    @Test
    void keepsServingAfterAFailedRead() {
        AtomicInteger failures = new AtomicInteger(1);
        OrderChangeLog flaky = new OrderChangeLog() {
            @Override
            public reactor.core.publisher.Mono<Long> lastPosition() {
                return store.lastPosition();
            }

            @Override
            public Flux<OrderChange> after(long position, int limit) {
                return failures.getAndDecrement() > 0 ? Flux.error(new java.io.IOException("connection reset"))
                        : store.after(position, limit);
            }

            @Override
            public Flux<OrderChange> forOrderAfter(UUID orderId, long sequence) {
                return Flux.empty();
            }

            @Override
            public Flux<OrderChange> allAfter(long position) {
                return Flux.empty();
            }

            @Override
            public Flux<OrderChange> forCustomerAfter(String customerId, long position) {
                return Flux.empty();
            }
        };
        hub = new OrderChangeHub(flaky, triggers.asFlux(), 500);
        hub.start();

        StepVerifier.create(hub.changes().take(1).map(OrderChange::position))
                .then(() -> {
                    store.record(view("alice", 0));
                    triggers.tryEmitNext("notified");
                    triggers.tryEmitNext("poll");
                })
                .expectNext(1L)
                .verifyComplete();
    }

    static OrderView view(String customer, long version) {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        return new OrderView(UUID.randomUUID(), customer, OrderStatus.PLACED, List.of(), 100, "EUR", null, null, null,
                now, now, version);
    }
}

package dev.orders.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.OrderEvent.OrderStockReserved;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class IntegrationEventRelayTest {

    private final List<List<IntegrationEvent>> published = new ArrayList<>();
    private final UUID orderId = UUID.randomUUID();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** The broker acknowledges two seconds after the events happened. */
    private final Clock clock = Clock.fixed(Instant.now().plusSeconds(2), ZoneOffset.UTC);

    @Test
    void publishesTheBatchOnceBeforeItCommitsInStoredOrder() {
        IntegrationEventRelay relay = relay(events -> Mono.fromRunnable(() -> published.add(events)));
        List<DomainEventMessage<?>> batch = List.of(event(1, new OrderStockReserved(orderId, "c")),
                event(2, new OrderShipped(orderId, "c")));
        AtomicBoolean committed = new AtomicBoolean();
        BatchingUnitOfWork<DomainEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.afterCommit(u -> committed.set(true));

        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            DomainEventMessage<?> message = unitOfWork.getMessage();
            relay.on(message.getPayload(), message);
            assertThat(published).isEmpty();
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);

        assertThat(result.isExceptional()).isFalse();
        assertThat(committed).isTrue();
        assertThat(published).singleElement().satisfies(events -> assertThat(events)
                .extracting(e -> e.extensions().get("orders_sequence")).containsExactly("1", "2"));
    }

    @Test
    void failedPublishFailsTheUnitOfWorkSoTheProcessorRetries() {
        IntegrationEventRelay relay = relay(events -> Mono.error(new IllegalStateException("broker away")));
        AtomicBoolean committed = new AtomicBoolean();
        AtomicBoolean rolledBack = new AtomicBoolean();
        BatchingUnitOfWork<DomainEventMessage<?>> unitOfWork =
                new BatchingUnitOfWork<>(List.of(event(0, new OrderShipped(orderId, "c"))));
        unitOfWork.afterCommit(u -> committed.set(true));
        unitOfWork.onRollback(u -> rolledBack.set(true));

        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            relay.on(unitOfWork.getMessage().getPayload(), unitOfWork.getMessage());
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).hasMessageContaining("broker away");
        assertThat(committed).isFalse();
        assertThat(rolledBack).isTrue();
    }

    @Test
    void publishesAtOnceOutsideAUnitOfWork() {
        IntegrationEventRelay relay = relay(events -> Mono.fromRunnable(() -> published.add(events)));

        relay.on(new OrderShipped(orderId, "c"), event(4, new OrderShipped(orderId, "c")));

        assertThat(published).singleElement().satisfies(events -> assertThat(events).hasSize(1));
    }

    @Test
    void recordsTheTimeFromEachEventToTheBrokersAcknowledgement() {
        IntegrationEventRelay relay = relay(events -> Mono.fromRunnable(() -> published.add(events)));

        relay.on(new OrderShipped(orderId, "c"), event(4, new OrderShipped(orderId, "c")));
        relay.on(new OrderShipped(orderId, "c"), event(5, new OrderShipped(orderId, "c")));

        Timer lag = meters.get(IntegrationEventRelay.PUBLISH_LAG).timer();
        assertThat(lag.count()).isEqualTo(2);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).isBetween(1_500.0, 2_500.0);
    }

    @Test
    void recordsNoPublishLagWhenTheBrokerDidNotAcknowledge() {
        IntegrationEventRelay relay = relay(events -> Mono.error(new IllegalStateException("broker away")));

        try {
            relay.on(new OrderShipped(orderId, "c"), event(4, new OrderShipped(orderId, "c")));
        } catch (IllegalStateException expected) {
            // the processor retries the event
        }

        assertThat(meters.get(IntegrationEventRelay.PUBLISH_LAG).timer().count()).isZero();
    }

    private IntegrationEventRelay relay(IntegrationEventPublisher publisher) {
        return new IntegrationEventRelay(new DomainEventMapper(), publisher, Duration.ofSeconds(5), meters,
                clock);
    }

    private DomainEventMessage<?> event(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Order", orderId.toString(), sequence, payload);
    }
}

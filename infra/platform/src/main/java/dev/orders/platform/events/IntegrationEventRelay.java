package dev.orders.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes every domain event as an integration event. It runs in its own tracking processor, whose token is
 * stored in the same unit of work that waits for the broker's acknowledgement: the token moves past an event only
 * once Kafka has it. A failed publish fails the unit of work, the processor backs off and retries the same events,
 * so nothing is lost while the broker is away (and a retry may publish an event twice: consumers de-duplicate by
 * id). A batch's events are collected and published together just before the batch commits. Never replayed: a
 * projection rebuild must not republish history. The timer {@code orders.kafka.publish.lag} measures, per event, the
 * time from the event's own timestamp to the broker's acknowledgement: how late Kafka's consumers learn of it.
 */
@ProcessingGroup(IntegrationEventRelay.PROCESSING_GROUP)
@DisallowReplay
class IntegrationEventRelay {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING = IntegrationEventRelay.class.getName() + ".pending";

    static final String PUBLISH_LAG = "orders.kafka.publish.lag";

    private final DomainEventMapper mapper;
    private final IntegrationEventPublisher publisher;
    private final Duration timeout;
    private final Timer publishLag;
    private final Clock clock;

    IntegrationEventRelay(DomainEventMapper mapper, IntegrationEventPublisher publisher, Duration timeout,
                          MeterRegistry meters, Clock clock) {
        this.mapper = mapper;
        this.publisher = publisher;
        this.timeout = timeout;
        this.clock = clock;
        this.publishLag = Timer.builder(PUBLISH_LAG)
                .description("Time from an event's timestamp to the broker's acknowledgement of its integration event")
                .tag("topic", IntegrationTopics.ORDER_EVENTS)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(meters);
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> message) {
        IntegrationEvent event = mapper.map(message);
        if (!CurrentUnitOfWork.isStarted()) {
            publishAndWait(List.of(event));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<IntegrationEvent> pending = unitOfWork.getOrComputeResource(PENDING, key -> {
            List<IntegrationEvent> batch = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> publishAndWait(batch));
            return batch;
        });
        pending.add(event);
    }

    /** Runs on the processor's own thread, never on an event loop: waiting here is what holds the token back. */
    private void publishAndWait(List<IntegrationEvent> events) {
        publisher.publish(List.copyOf(events)).block(timeout);
        Instant acknowledged = clock.instant();
        for (IntegrationEvent event : events) {
            publishLag.record(Duration.between(event.time(), acknowledged).abs());
        }
    }
}

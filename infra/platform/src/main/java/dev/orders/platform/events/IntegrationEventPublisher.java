package dev.orders.platform.events;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The one way integration events leave the process. Callers depend on this port only, so the messaging client
 * behind it can be replaced without touching them.
 */
public interface IntegrationEventPublisher {

    /**
     * Publishes the events in the given order (events with the same key keep that order for consumers). Completes
     * only once the broker acknowledged every one of them; fails if any was not acknowledged, in which case some may
     * still have been written: publishing is at-least-once and consumers de-duplicate by {@link IntegrationEvent#id()}.
     */
    Mono<Void> publish(List<IntegrationEvent> events);
}

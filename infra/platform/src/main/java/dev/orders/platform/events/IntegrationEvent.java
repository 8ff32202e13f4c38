package dev.orders.platform.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event as it leaves the process: a CloudEvent in all but wire format.
 *
 * @param id         unique id; consumers de-duplicate by it (the Axon event identifier for domain events)
 * @param type       what happened, e.g. {@code dev.orders.order.OrderConfirmed}
 * @param source     where it happened, e.g. {@code /orders/Order}
 * @param subject    what it is about (the aggregate id for domain events)
 * @param time       when it happened
 * @param key        the partitioning key: events with the same key stay in order
 * @param data       the event as JSON bytes (not copied: do not change the array afterwards)
 * @param extensions further attributes carried as headers, e.g. {@code traceparent}, {@code orders_sequence}
 */
public record IntegrationEvent(String id, String type, String source, String subject, Instant time, String key,
                               byte[] data, Map<String, String> extensions) {

    public IntegrationEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }
}

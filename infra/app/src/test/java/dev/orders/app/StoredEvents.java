package dev.orders.app;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the event store holds for some aggregates: the truth the Kafka topic must mirror. */
record StoredEvents(List<Event> events) {

    record Event(String id, String aggregateId, long sequence, String payloadType, Instant timestamp) {

        /** The payload's simple name, e.g. {@code OrderPlaced} for {@code dev.orders.api.order.OrderEvent$OrderPlaced}. */
        String simpleType() {
            return payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1);
        }
    }

    static StoredEvents of(JdbcTemplate jdbc, List<String> aggregateIds) {
        return new StoredEvents(aggregateIds.stream().flatMap(aggregateId -> jdbc.query(
                "select eventidentifier, aggregateidentifier, sequencenumber, payloadtype, timestamp "
                        + "from axon.domainevententry where aggregateidentifier = ? order by sequencenumber",
                (row, i) -> new Event(row.getString(1), row.getString(2), row.getLong(3), row.getString(4),
                        Instant.parse(row.getString(5))), aggregateId).stream()).toList());
    }

    List<Event> of(String aggregateId) {
        return events.stream().filter(event -> event.aggregateId().equals(aggregateId)).toList();
    }

    List<String> ids() {
        return events.stream().map(Event::id).toList();
    }
}

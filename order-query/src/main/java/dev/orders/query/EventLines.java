package dev.orders.query;

import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes stored events as NDJSON lines. The payload is copied token by token rather than bound to classes, so an
 * export neither depends on today's event classes nor builds a tree per event; {@link Redaction} leaves the
 * payment tokens out on the way.
 */
final class EventLines {

    // No separator between root values: each line ends with its own newline.
    private static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator("").build();

    private EventLines() {
    }

    /** One line per event, each ending in {@code \n}. */
    static void write(List<StoredEvent> events, OutputStream out) {
        try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            for (StoredEvent event : events) {
                write(event, generator);
                generator.writeRaw('\n');
            }
        }
    }

    private static void write(StoredEvent event, JsonGenerator generator) {
        generator.writeStartObject();
        generator.writeNumberProperty("position", event.position());
        generator.writeStringProperty("eventId", event.eventId());
        generator.writeStringProperty("type", EventTypes.simpleName(event.type()));
        generator.writeStringProperty("aggregateType", event.aggregateType());
        generator.writeStringProperty("aggregateId", event.aggregateId());
        generator.writeNumberProperty("sequence", event.sequence());
        generator.writeStringProperty("timestamp", event.timestamp());
        generator.writeName("payload");
        try (JsonParser payload = JSON.createParser(ObjectReadContext.empty(), event.payload())) {
            if (payload.nextToken() == null) {
                generator.writeNull();
            } else {
                Redaction.copy(payload, generator);
            }
        }
        generator.writeEndObject();
    }
}

package dev.orders.notification;

import dev.orders.api.order.OrderEvent;
import dev.orders.api.order.OrderEvent.OrderCancelled;
import dev.orders.api.order.OrderEvent.OrderConfirmed;
import dev.orders.api.order.OrderEvent.OrderDelivered;
import dev.orders.api.order.OrderEvent.OrderRejected;
import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a record of {@code orders.events.v1} (CloudEvents binary mode: attributes in {@code ce_*} headers, the event
 * record as JSON value). Types that customers do not hear about are recognised from the header alone, before the
 * value is looked at.
 */
final class EventParser {

    static final String ID = "ce_id";
    static final String TYPE = "ce_type";
    static final String TIME = "ce_time";
    static final String TRACEPARENT = "traceparent";

    private static final int MAX_ID_LENGTH = 200;
    private static final int MAX_CUSTOMER_ID_LENGTH = 100;

    /** The notifying types and the status each one leaves the order in. */
    private static final Map<String, Kind> KINDS = Map.of(
            "dev.orders.order.OrderConfirmed", new Kind(OrderConfirmed.class, OrderStatus.CONFIRMED),
            "dev.orders.order.OrderRejected", new Kind(OrderRejected.class, OrderStatus.REJECTED),
            "dev.orders.order.OrderCancelled", new Kind(OrderCancelled.class, OrderStatus.CANCELLED),
            "dev.orders.order.OrderShipped", new Kind(OrderShipped.class, OrderStatus.SHIPPED),
            "dev.orders.order.OrderDelivered", new Kind(OrderDelivered.class, OrderStatus.DELIVERED));

    // Tolerant reader: fields a later version of an event adds must not make today's consumer fail.
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The notice in the record, or empty when its type is not one customers are notified about.
     *
     * @param timestamp the record's timestamp (epoch millis), used when {@code ce_time} is absent
     * @throws UnprocessableRecordException when a notifying record breaks the contract
     */
    Optional<OrderNotice> parse(Headers headers, byte[] value, long timestamp) {
        String type = header(headers, TYPE);
        if (type == null) {
            throw new UnprocessableRecordException("record has no " + TYPE + " header");
        }
        Kind kind = KINDS.get(type);
        if (kind == null) {
            return Optional.empty();
        }
        String id = header(headers, ID);
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new UnprocessableRecordException("record of type " + type + " has no usable " + ID + " header");
        }
        Instant occurredAt = occurredAt(header(headers, TIME), timestamp);
        if (value == null || value.length == 0) {
            throw new UnprocessableRecordException("record " + id + " has no value");
        }
        JsonNode data;
        OrderEvent event;
        try {
            data = json.readTree(value);
            if (data == null || !data.isObject()) {
                throw new UnprocessableRecordException("value of record " + id + " is not a JSON object");
            }
            event = json.treeToValue(data, kind.type());
        } catch (JacksonException e) {
            throw new UnprocessableRecordException("value of record " + id + " is not a valid " + type
                    + ": " + e.getOriginalMessage(), e);
        }
        if (event.orderId() == null) {
            throw new UnprocessableRecordException("record " + id + " has no orderId");
        }
        String customerId = event.customerId();
        if (customerId == null || customerId.isBlank() || customerId.length() > MAX_CUSTOMER_ID_LENGTH) {
            throw new UnprocessableRecordException("record " + id + " has no usable customerId");
        }
        return Optional.of(new OrderNotice(id, type, event.orderId(), customerId, kind.status(), occurredAt, event,
                data, header(headers, TRACEPARENT)));
    }

    private static Instant occurredAt(String time, long timestamp) {
        if (time == null || time.isBlank()) {
            return Instant.ofEpochMilli(Math.max(0, timestamp));
        }
        try {
            return OffsetDateTime.parse(time.trim()).toInstant();
        } catch (DateTimeException e) {
            throw new UnprocessableRecordException(TIME + " '" + time + "' is not an ISO-8601 timestamp", e);
        }
    }

    /** The last value of a header as UTF-8 text; null when absent. */
    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private record Kind(Class<? extends OrderEvent> type, OrderStatus status) {
    }
}

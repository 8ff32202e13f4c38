package dev.orders.platform.events;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a domain event into the integration event that leaves the process. Its JSON is the payload record's, minus
 * every {@code paymentToken}: card tokens never leave the process.
 */
final class DomainEventMapper {

    static final String SEQUENCE = "orders_sequence";
    static final String AGGREGATE_TYPE = "orders_aggregate_type";
    static final String TRACEPARENT = "traceparent";
    private static final String REDACTED_FIELD = "paymentToken";
    private static final String API_PACKAGE = "dev.orders.api.";
    private static final String OUR_PACKAGE = "dev.orders.";

    /** Our own mapper: the published JSON must not change with the HTTP layer's settings. */
    private final JsonMapper json = JsonMapper.builder().build();

    IntegrationEvent map(DomainEventMessage<?> message) {
        String aggregateType = message.getType() == null ? "unknown" : message.getType();
        Map<String, String> extensions = new LinkedHashMap<>();
        extensions.put(SEQUENCE, String.valueOf(message.getSequenceNumber()));
        extensions.put(AGGREGATE_TYPE, aggregateType);
        if (message.getMetaData().get(TRACEPARENT) instanceof String traceparent && !traceparent.isBlank()) {
            extensions.put(TRACEPARENT, traceparent);
        }
        return new IntegrationEvent(message.getIdentifier(), type(message.getPayloadType()), "/orders/" + aggregateType,
                message.getAggregateIdentifier(), message.getTimestamp(), message.getAggregateIdentifier(),
                data(message.getPayload()), extensions);
    }

    /**
     * {@code dev.orders.} + the event's domain (its package below {@code dev.orders.api}) + its simple name, e.g.
     * {@code dev.orders.api.order.OrderEvent$OrderConfirmed} becomes {@code dev.orders.order.OrderConfirmed}: stable
     * across refactorings that move or nest the Java types.
     */
    static String type(Class<?> payloadType) {
        String packageName = payloadType.getPackageName();
        String domain;
        if (packageName.startsWith(API_PACKAGE)) {
            domain = packageName.substring(API_PACKAGE.length());
        } else if (packageName.startsWith(OUR_PACKAGE)) {
            domain = packageName.substring(OUR_PACKAGE.length());
        } else {
            return payloadType.getName();
        }
        return OUR_PACKAGE + domain + "." + payloadType.getSimpleName();
    }

    byte[] data(Object payload) {
        JsonNode tree = json.valueToTree(payload);
        redact(tree);
        return json.writeValueAsBytes(tree);
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(REDACTED_FIELD);
        }
        if (node.isObject() || node.isArray()) {
            node.values().forEach(DomainEventMapper::redact);
        }
    }
}

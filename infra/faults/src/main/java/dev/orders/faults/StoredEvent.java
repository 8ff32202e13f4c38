package dev.orders.faults;

import tools.jackson.databind.JsonNode;

/** One row of the event store as the checks read it: {@code type} is the event's simple name, e.g. OrderPlaced. */
record StoredEvent(long position, String eventId, String aggregateType, String aggregateId, long sequence,
                   String type, JsonNode payload) {

    /** The simple name of a stored payload type such as {@code dev.orders.api.order.OrderEvent$OrderPlaced}. */
    static String simpleName(String payloadType) {
        return payloadType.substring(Math.max(payloadType.lastIndexOf('$'), payloadType.lastIndexOf('.')) + 1);
    }
}

package dev.orders.query;

/**
 * One row of the event store as an export shows it: {@code type} is the stored payload type, {@code timestamp} the
 * stored ISO-8601 text (UTC, milliseconds), {@code payload} the serialized JSON, still holding secrets.
 */
record StoredEvent(long position, String eventId, String type, String aggregateType, String aggregateId,
                   long sequence, String timestamp, byte[] payload) {
}

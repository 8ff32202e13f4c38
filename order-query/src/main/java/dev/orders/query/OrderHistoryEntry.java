package dev.orders.query;

import java.time.Instant;

/** One event of an order's history as stored in the event store. */
public record OrderHistoryEntry(long sequence, String type, Instant timestamp, Object payload) {
}

package dev.orders.query;

import java.time.Instant;

/** A stored domain event as a rebuild replays it: where it sits in the store, its aggregate, and its payload. */
record ReplayedEvent(long position, String aggregateId, long sequence, Instant timestamp, Object payload) {
}

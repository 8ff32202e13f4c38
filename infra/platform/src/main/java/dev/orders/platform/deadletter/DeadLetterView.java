package dev.orders.platform.deadletter;

import java.time.Instant;

/**
 * One parked event: which event, why it failed last, when it was parked and last tried, and how often handling it
 * failed ({@code 0}: not tried yet, it only waits behind an earlier event of its sequence).
 */
public record DeadLetterView(String eventId, String eventType, String aggregateType, String aggregateId,
                             Long aggregateSequence, String causeType, String causeMessage, Instant enqueuedAt,
                             Instant lastTouched, int attempts) {
}

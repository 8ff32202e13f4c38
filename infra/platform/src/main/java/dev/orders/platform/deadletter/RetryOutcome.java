package dev.orders.platform.deadletter;

import java.util.List;

/**
 * What a retry did: {@code drained} when every parked event of the sequence was handled and left the queue;
 * otherwise the events still parked, the first one with its new cause and attempt count.
 */
public record RetryOutcome(String processor, String sequenceIdentifier, boolean drained,
                           List<DeadLetterView> remaining) {
}

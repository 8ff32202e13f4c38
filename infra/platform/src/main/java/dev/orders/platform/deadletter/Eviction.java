package dev.orders.platform.deadletter;

/** How many parked events of a sequence were dropped for good. */
public record Eviction(String processor, String sequenceIdentifier, int evicted) {
}

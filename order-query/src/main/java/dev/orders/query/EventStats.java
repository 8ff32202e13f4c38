package dev.orders.query;

/** How many stored events match a filter and where they start and end; the positions are null when none match. */
public record EventStats(long count, Long firstPosition, Long lastPosition) {
}

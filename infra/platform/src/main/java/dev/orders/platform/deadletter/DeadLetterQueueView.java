package dev.orders.platform.deadletter;

import java.util.List;

/**
 * A processor's dead-letter queue: how many sequences and events are parked, and the first {@code limit} sequences
 * (least recently tried first).
 */
public record DeadLetterQueueView(String processor, long sequenceCount, long letterCount,
                                  List<DeadSequence> sequences) {
}

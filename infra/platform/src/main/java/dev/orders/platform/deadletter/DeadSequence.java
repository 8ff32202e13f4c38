package dev.orders.platform.deadletter;

import java.util.List;

/** A parked sequence (for our processors, one aggregate's events), oldest event first. */
public record DeadSequence(String sequenceIdentifier, List<DeadLetterView> letters) {
}

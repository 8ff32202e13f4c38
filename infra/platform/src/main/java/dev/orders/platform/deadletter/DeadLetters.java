package dev.orders.platform.deadletter;

import dev.orders.api.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The dead-letter queues of the processors that run in this instance: list, retry and evict parked sequences.
 * Every method does blocking JDBC work; callers on an event loop move it to the JDBC scheduler.
 */
public final class DeadLetters {

    private final DeadLetteringGroups groups;
    private final ObjectProvider<Configuration> axon;

    /** Axon's configuration is looked up on use: it is complete only once the application context is. */
    DeadLetters(DeadLetteringGroups groups, ObjectProvider<Configuration> axon) {
        this.groups = groups;
        this.axon = axon;
    }

    /** The processors of this instance that have a dead-letter queue; an instance's roles decide which run here. */
    public List<String> processors() {
        EventProcessingConfiguration processing = processing();
        return groups.names().stream().sorted()
                .filter(name -> processing.eventProcessor(name).isPresent())
                .filter(name -> processing.deadLetterQueue(name).isPresent())
                .toList();
    }

    /** How many events the processor's queue holds. */
    public long depth(String processor) {
        return queue(processor).size();
    }

    /** Counts and the first {@code limit} parked sequences, the least recently tried first. */
    public DeadLetterQueueView list(String processor, int limit) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        List<DeadSequence> sequences = new ArrayList<>();
        if (limit > 0) {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                List<DeadLetterView> letters = views(sequence);
                if (!letters.isEmpty()) {
                    sequences.add(new DeadSequence(sequenceOf(sequence.iterator().next()), letters));
                }
                if (sequences.size() >= limit) {
                    break;
                }
            }
        }
        return new DeadLetterQueueView(processor, queue.amountOfSequences(), queue.size(), sequences);
    }

    /**
     * Handles the sequence's events again, in order, on this thread. Each one that succeeds leaves the queue; the
     * first that fails again stays with its new cause, and so does everything behind it.
     */
    public RetryOutcome retry(String processor, String sequenceIdentifier) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        if (!queue.contains(sequenceIdentifier)) {
            throw notFound(processor, sequenceIdentifier);
        }
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing().sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> new NotFoundException("dead-letter queue of processor", processor));
        boolean processed = letters.process(first -> sequenceIdentifier.equals(sequenceOf(first)));
        List<DeadLetterView> remaining = views(queue.deadLetterSequence(sequenceIdentifier));
        return new RetryOutcome(processor, sequenceIdentifier, processed && remaining.isEmpty(), remaining);
    }

    /** Drops the sequence's parked events for good: the processor will never handle them. */
    public Eviction evict(String processor, String sequenceIdentifier) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequenceIdentifier).forEach(letters::add);
        if (letters.isEmpty()) {
            throw notFound(processor, sequenceIdentifier);
        }
        letters.forEach(queue::evict);
        return new Eviction(processor, sequenceIdentifier, letters.size());
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        if (!groups.contains(processor) || processing().eventProcessor(processor).isEmpty()) {
            throw new NotFoundException("dead-letter queue of processor", processor);
        }
        return processing().deadLetterQueue(processor)
                .orElseThrow(() -> new NotFoundException("dead-letter queue of processor", processor));
    }

    private EventProcessingConfiguration processing() {
        return axon.getObject().eventProcessingConfiguration();
    }

    private static NotFoundException notFound(String processor, String sequenceIdentifier) {
        return new NotFoundException("dead-letter sequence", sequenceIdentifier + " of processor " + processor);
    }

    private static List<DeadLetterView> views(Iterable<DeadLetter<? extends EventMessage<?>>> sequence) {
        List<DeadLetterView> views = new ArrayList<>();
        sequence.forEach(letter -> views.add(view(letter)));
        return views;
    }

    static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof JdbcDeadLetter<?> jdbc) {
            return jdbc.getSequenceIdentifier();
        }
        // Other queues do not expose it; our processors sequence per aggregate.
        return letter.message() instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }

    static DeadLetterView view(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        String aggregateType = null;
        String aggregateId = null;
        Long aggregateSequence = null;
        if (message instanceof DomainEventMessage<?> event) {
            aggregateType = event.getType();
            aggregateId = event.getAggregateIdentifier();
            aggregateSequence = event.getSequenceNumber();
        }
        Cause cause = letter.cause().orElse(null);
        return new DeadLetterView(message.getIdentifier(), eventType(message), aggregateType, aggregateId,
                aggregateSequence, cause == null ? null : cause.type(), cause == null ? null : cause.message(),
                letter.enqueuedAt(), letter.lastTouched(), AttemptCountingPolicy.attempts(letter));
    }

    private static String eventType(EventMessage<?> message) {
        try {
            return message.getPayloadType().getSimpleName();
        } catch (RuntimeException unknownType) {
            // The event's class is gone from this version: the listing must still show the letter.
            return "unknown";
        }
    }
}

package dev.orders.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;

class AttemptCountingPolicyTest {

    private final AttemptCountingPolicy policy = new AttemptCountingPolicy();
    private final DeadLetter<EventMessage<?>> waiting =
            new GenericDeadLetter<>("order-1", GenericEventMessage.asEventMessage("OrderConfirmed"));

    @Test
    void parksAFailedEventAsTriedOnce() {
        IllegalStateException failure = new IllegalStateException("constraint violated");

        EnqueueDecision<EventMessage<?>> decision = policy.decide(waiting, failure);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).contains(failure);
        assertThat(AttemptCountingPolicy.attempts(decision.withDiagnostics(waiting))).isEqualTo(1);
    }

    @Test
    void countsEveryFailedRetry() {
        DeadLetter<EventMessage<?>> triedTwice = waiting.withDiagnostics(MetaData.with("attempts", 2));

        EnqueueDecision<EventMessage<?>> decision = policy.decide(triedTwice, new RuntimeException("again"));

        assertThat(AttemptCountingPolicy.attempts(decision.withDiagnostics(triedTwice))).isEqualTo(3);
    }

    @Test
    void aLetterWaitingBehindItsSequenceHasNotBeenTried() {
        assertThat(AttemptCountingPolicy.attempts(waiting)).isZero();
        // Diagnostics come back from the database through the serializer: numbers may arrive as longs or text.
        assertThat(AttemptCountingPolicy.attempts(waiting.withDiagnostics(MetaData.with("attempts", 4L)))).isEqualTo(4);
        assertThat(AttemptCountingPolicy.attempts(waiting.withDiagnostics(MetaData.with("attempts", "5")))).isEqualTo(5);
    }
}

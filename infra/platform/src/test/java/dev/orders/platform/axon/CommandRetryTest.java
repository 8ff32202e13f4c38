package dev.orders.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.error.InvalidRequestException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class CommandRetryTest {

    private final RaceRetryScheduler scheduler = RaceRetryScheduler.create(1, 3);
    private final CommandMessage<?> command = GenericCommandMessage.asCommandMessage("reserve");

    @Test
    void retriesAConflictingAppendWhoseCauseIsTheDatabaseError() throws InterruptedException {
        // What the event store throws when another writer took the sequence number: the SQL error is its cause.
        RuntimeException conflict = new ConcurrencyException("already inserted",
                new BatchUpdateException("duplicate key", "23505", 0, new int[0], new SQLException("23505")));
        CountDownLatch retried = new CountDownLatch(1);

        boolean scheduled = scheduler.scheduleRetry(command, conflict, failures(conflict), retried::countDown);

        assertThat(scheduled).isTrue();
        assertThat(retried.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void retriesTheLoserOfTwoCreationsOfOneAggregate() {
        // The event store's answer when the first event of a new aggregate hits a duplicate key.
        RuntimeException creation = new AggregateStreamCreationException("order exists",
                new SQLException("duplicate key", "23505"));

        assertThat(scheduler.scheduleRetry(command, creation, failures(creation), () -> { })).isTrue();
    }

    @Test
    void retriesLostRacesEvenWhenWrapped() {
        RuntimeException wrapped = new CommandExecutionException("failed", new DeadlockException("imminent deadlock"));

        assertThat(scheduler.scheduleRetry(command, wrapped, failures(wrapped), () -> { })).isTrue();
    }

    @Test
    void domainAndInfrastructureErrorsAreFinal() {
        RuntimeException domain = new InvalidRequestException("Unknown SKU: X");
        RuntimeException storage = new EventStoreException("disk full", new SQLException("53100"));

        assertThat(scheduler.scheduleRetry(command, domain, failures(domain), () -> { })).isFalse();
        assertThat(scheduler.scheduleRetry(command, storage, failures(storage), () -> { })).isFalse();
    }

    @Test
    void givesUpAfterTheLastRetry() {
        RuntimeException conflict = new ConcurrencyException("already inserted");
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            failures.addAll(failures(conflict));
        }

        assertThat(scheduler.scheduleRetry(command, conflict, failures, () -> { })).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(Throwable failure) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        failures.add(new Class[] {failure.getClass()});
        return failures;
    }
}

package dev.orders.platform.axon;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command only when it lost a race: an optimistic-concurrency conflict (another writer appended to the
 * same aggregate first, e.g. a second instance, or this instance's cached copy was stale), two creations of one
 * aggregate at once (e.g. concurrent repeats of one Idempotency-Key: every creation is "create if missing", so the
 * retry finds the winner's aggregate and answers from it) or lock contention. Domain errors and everything else are
 * final.
 *
 * <p>Axon asks the scheduler about the failure and then about each of its causes, and gives up if any answer says
 * "final". A lost race always has causes that are not races themselves (the SQL duplicate-key error under the
 * {@link ConcurrencyException}), so a predicate handed to Axon's builder made every such race final and it was never
 * retried. Here the whole chain is judged once.
 */
final class RaceRetryScheduler extends IntervalRetryScheduler {

    private RaceRetryScheduler(Builder builder) {
        super(builder);
    }

    /** Retries every {@code intervalMillis}, at most {@code maxRetries} times, on a daemon thread of its own. */
    static RaceRetryScheduler create(int intervalMillis, int maxRetries) {
        ScheduledExecutorService retryExecutor = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return new RaceRetryScheduler(IntervalRetryScheduler.builder()
                .retryExecutor(retryExecutor)
                .retryInterval(intervalMillis)
                .maxRetryCount(maxRetries));
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        return !lostARace(failure);
    }

    static boolean lostARace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException
                    || t instanceof DeadlockException) {
                return true;
            }
        }
        return false;
    }
}

package dev.orders.query;

import dev.orders.query.ProjectionStatus.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds one read model from the event store while the live one keeps answering queries:
 * <ol>
 * <li>replays the projection's events in global order into a {@link ShadowTable}, a page per transaction, never
 * past what the live processor has committed (so the change log the live processor writes stays complete);</li>
 * <li>once it has caught up, pauses the live processor, replays what the processor committed meanwhile, swaps the
 * tables in one transaction and resumes the processor, which carries on from its own token.</li>
 * </ol>
 * Nothing is republished and the change log is not touched. Events the live processor skipped as gaps (not yet
 * committed) are skipped here too: the processor handles them when they appear, now on the new table.
 */
final class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final int MAX_ROUNDS = 100;

    private final RebuildTarget target;
    private final EventReplay events;
    private final LiveProcessor live;
    private final ShadowTable shadow;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AtomicReference<Progress> progress;
    private volatile boolean stopping;

    ProjectionRebuild(RebuildTarget target, EventReplay replay, LiveProcessor live, ShadowTable shadow,
                      NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        this.target = target;
        this.events = replay;
        this.live = live;
        this.shadow = shadow;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.progress = new AtomicReference<>(Progress.idle());
    }

    String name() {
        return target.name();
    }

    /** Marks the rebuild as started; false when one is already running. The caller then {@link #run}s it. */
    boolean begin() {
        Progress current = progress.get();
        return !current.state().running()
                && progress.compareAndSet(current, Progress.started(clock.instant(), System.nanoTime()));
    }

    /** Runs a rebuild that {@link #begin} started, on the calling thread, until it is done or failed. */
    void run(Settings settings) {
        long position = -1;
        boolean resume = false;
        boolean swapped = false;
        Throwable failure = null;
        try {
            shadow.create();
            log.info("Rebuilding {} into {}", target.name(), shadow.name());
            // Rounds until one finds less than a page, so that the pause below is brief; under a load that outruns
            // the rebuild, after a bounded number of rounds anyway (the final round then simply takes longer).
            long read;
            int rounds = 0;
            do {
                long before = counted();
                position = replay(position, live.position(), false, settings);
                read = counted() - before;
            } while (read >= settings.pageSize() && ++rounds < MAX_ROUNDS);
            shadow.analyze();

            update(p -> p.withState(State.SWAPPING));
            long pausedAt = System.nanoTime();
            // Set before pausing: a pause that fails halfway must still end in a resume.
            resume = live.isRunning();
            live.pause();
            position = replay(position, live.position(), true, settings);
            shadow.swap(settings.lockTimeout());
            swapped = true;
            log.info("Swapped the rebuilt {} in; the live processor was paused for {} ms", target.name(),
                    (System.nanoTime() - pausedAt) / 1_000_000);
        } catch (Throwable e) {
            failure = e;
        } finally {
            // While the application shuts down, Axon stops its processors itself: starting one again would be wrong.
            if (resume && !stopping) {
                try {
                    live.resume();
                } catch (Throwable e) {
                    // Whatever went wrong, the status must end in FAILED rather than stay SWAPPING for ever.
                    failure = failure == null ? e : failure;
                }
            }
        }
        finish(failure, swapped);
    }

    /** The application is shutting down: the worker is about to be interrupted and must not resume anything. */
    void stop() {
        stopping = true;
    }

    ProjectionStatus status() {
        return progress.get().status(target.name(), clock.instant(), System.nanoTime());
    }

    /**
     * Replays the events after {@code after} that {@code processed} covers, up to where every position is covered
     * or, in the final round, up to its index (skipping its gaps). Returns the position read up to.
     */
    private long replay(long after, ProcessedPosition processed, boolean finalRound, Settings settings)
            throws InterruptedException {
        long upTo = finalRound ? processed.index() : processed.contiguous();
        long position = after;
        while (position < upTo) {
            if (Thread.interrupted()) {
                throw new InterruptedException("rebuild of " + target.name() + " interrupted");
            }
            List<ReplayedEvent> page = events.page(target.payloadTypes(), position, upTo, settings.pageSize());
            List<ReplayedEvent> covered = page.stream().filter(event -> processed.covers(event.position())).toList();
            transaction.executeWithoutResult(status -> target.apply(jdbc, shadow.name(), covered));
            position = page.size() < settings.pageSize() ? upTo : page.get(page.size() - 1).position();
            long reached = position;
            long head = events.head();
            update(p -> p.advancedTo(reached, head, covered.size()));
            // Never while the live processor waits in the final round.
            if (!finalRound && !settings.pagePause().isZero()) {
                Thread.sleep(settings.pagePause().toMillis());
            }
        }
        return position;
    }

    private long counted() {
        return progress.get().events();
    }

    private void finish(Throwable failure, boolean swapped) {
        Instant now = clock.instant();
        if (failure == null) {
            update(p -> p.finished(State.DONE, now, null));
            ProjectionStatus done = status();
            log.info("Rebuilt {}: {} events in {} s ({} events/s)", target.name(), done.events(),
                    Duration.between(done.startedAt(), now).toMillis() / 1000.0, done.eventsPerSecond());
            return;
        }
        if (swapped) {
            log.error("The rebuilt {} is in place, but its live processor could not be resumed", target.name(),
                    failure);
        } else {
            log.error("Rebuilding {} failed; the live table was left as it was", target.name(), failure);
        }
        try {
            shadow.drop();
        } catch (RuntimeException e) {
            log.warn("Could not drop {} after the failed rebuild: {}", shadow.name(), e.toString());
        }
        String message = (swapped ? "swapped in, but the live processor did not resume: " : "")
                + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        update(p -> p.finished(State.FAILED, now, message));
    }

    private void update(UnaryOperator<Progress> change) {
        progress.updateAndGet(change);
    }

    /** How a rebuild runs: events per page (and transaction), a pause between pages, and the swap's lock wait. */
    record Settings(int pageSize, Duration pagePause, Duration lockTimeout) {

        static final int MAX_PAGE_SIZE = 10_000;

        Settings {
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("page size must be from 1 to " + MAX_PAGE_SIZE + ", got "
                        + pageSize);
            }
            if (pagePause.isNegative() || lockTimeout.isNegative() || lockTimeout.isZero()) {
                throw new IllegalArgumentException("page pause must not be negative and lock timeout positive");
            }
        }
    }

    /** An immutable snapshot of a rebuild's progress. */
    private record Progress(State state, long position, long head, long events, Instant startedAt, long startNanos,
                            Instant finishedAt, long finishNanos, String error) {

        static Progress idle() {
            return new Progress(State.IDLE, 0, 0, 0, null, 0, null, 0, null);
        }

        static Progress started(Instant at, long nanos) {
            return new Progress(State.REBUILDING, 0, 0, 0, at, nanos, null, 0, null);
        }

        Progress withState(State next) {
            return new Progress(next, position, head, events, startedAt, startNanos, finishedAt, finishNanos, error);
        }

        Progress advancedTo(long reached, long newHead, long read) {
            return new Progress(state, Math.max(position, reached), Math.max(head, newHead), events + read,
                    startedAt, startNanos, finishedAt, finishNanos, error);
        }

        Progress finished(State end, Instant at, String failure) {
            return new Progress(end, position, head, events, startedAt, startNanos, at, System.nanoTime(), failure);
        }

        ProjectionStatus status(String name, Instant now, long nanos) {
            if (state == State.IDLE) {
                return new ProjectionStatus(name, state, 0, 0, 0, 0, 0, null, null, null, null);
            }
            double seconds = Math.max(1, (finishedAt == null ? nanos : finishNanos) - startNanos) / 1e9;
            double rate = events / seconds;
            double positionsPerSecond = Math.max(0, position) / seconds;
            double percent = state == State.DONE ? 100
                    : head <= 0 ? 0 : Math.min(100, 100.0 * Math.max(0, position) / head);
            Long eta = state == State.DONE ? Long.valueOf(0)
                    : state.running() && positionsPerSecond > 0
                    ? Long.valueOf((long) Math.ceil((head - position) / positionsPerSecond)) : null;
            return new ProjectionStatus(name, state, Math.max(0, position), head, Math.round(percent * 10) / 10.0,
                    events, Math.round(rate * 10) / 10.0, eta, startedAt, finishedAt, error);
        }
    }
}

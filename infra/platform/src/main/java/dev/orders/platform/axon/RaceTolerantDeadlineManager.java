package dev.orders.platform.axon;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's db-scheduler deadline manager, except that cancelling a deadline that is firing at that moment is not an
 * error.
 *
 * <p>A saga cancels its time-out when the order is decided; under load the time-out can fire in the same instant. Axon
 * then fails the saga's whole unit of work ({@code TaskInstanceCurrentlyExecutingException}, or db-scheduler's
 * "expected one execution to be removed, but removed 0" when the execution finished between its look-up and delete),
 * the processor rolls the batch back and retries it with growing back-off, and the saga falls minutes behind. Both
 * are harmless: the deadline is gone or going, and every deadline handler checks the saga's state before acting.
 */
class RaceTolerantDeadlineManager extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(RaceTolerantDeadlineManager.class);

    private final Scheduler scheduler;

    RaceTolerantDeadlineManager(Builder builder, Scheduler scheduler) {
        super(builder.scheduler(scheduler));
        this.scheduler = scheduler;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> cancel(deadlineName, scheduleId));
    }

    private void cancel(String deadlineName, String scheduleId) {
        try {
            scheduler.cancel(new DbSchedulerDeadlineToken(scheduleId));
        } catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException e) {
            log.debug("Deadline {} ({}) already fired or is firing; nothing to cancel", deadlineName, scheduleId);
        } catch (ExecutionException e) {
            log.debug("Deadline {} ({}) finished while it was being cancelled", deadlineName, scheduleId);
        }
    }
}

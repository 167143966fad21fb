package com.allinone.commerce.axonconfig.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's db-scheduler deadline manager, except that cancelling a deadline that is firing at that very moment is not
 * an error. db-scheduler refuses such a cancel with {@link TaskInstanceCurrentlyExecutingException} (or, when the
 * deadline finished between its read and its delete, with {@link ExecutionException}); thrown while a
 * saga step commits, it rolls the step back and puts the whole processor into retry mode, stalling every order behind
 * it. The deadline that was firing is handled right after the step, by the same saga under its lock, and the saga's
 * deadline handlers check their state first, so letting it fire is harmless.
 */
public class RaceTolerantDeadlineManager extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(RaceTolerantDeadlineManager.class);

    private final Scheduler scheduler;

    public RaceTolerantDeadlineManager(Builder builder, Scheduler scheduler) {
        super(builder);
        this.scheduler = scheduler;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> {
            try {
                scheduler.cancel(new DbSchedulerDeadlineToken(scheduleId));
            } catch (TaskInstanceNotFoundException alreadyGone) {
                log.debug("Deadline {} [{}] had already fired or been cancelled", deadlineName, scheduleId);
            } catch (TaskInstanceCurrentlyExecutingException firingNow) {
                log.debug("Deadline {} [{}] is firing now; its handler will find nothing to do",
                        deadlineName, scheduleId);
            } catch (ExecutionException removedMeanwhile) {
                // db-scheduler found the deadline, then removed nothing: it fired and finished in between.
                log.debug("Deadline {} [{}] fired while being cancelled", deadlineName, scheduleId);
            }
        });
    }
}

package dev.scanbench.harness.worker;

import dev.scanbench.harness.Defaults;
import java.time.Duration;
import java.util.Objects;

/**
 * The watchdog's limits for one worker.
 *
 * @param call         longest one call may run, from its {@code call-start} event
 * @param job          longest the whole job may run, from the worker's start
 * @param exitGrace    how long a worker that has answered (or closed its output) may take to exit
 * @param pollInterval how often the watchdog looks when no event wakes it
 */
public record WorkerLimits(Duration call, Duration job, Duration exitGrace, Duration pollInterval) {

    /** @throws IllegalArgumentException if a limit is not positive */
    public WorkerLimits {
        for (Duration d : new Duration[] {call, job, exitGrace, pollInterval}) {
            Objects.requireNonNull(d, "limit");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("worker limits must be positive: " + d);
            }
        }
    }

    /** @return the limits of {@link Defaults}: 20 s per call, as RE-Bench */
    public static WorkerLimits defaults() {
        return new WorkerLimits(Defaults.WORKER_CALL_TIMEOUT, Defaults.WORKER_JOB_TIMEOUT, Defaults.WORKER_EXIT_GRACE,
                Defaults.WORKER_POLL_INTERVAL);
    }

    /** @return these limits with another per-call limit (what {@code --timeout S} sets) */
    public WorkerLimits withCall(Duration newCall) {
        return new WorkerLimits(newCall, job, exitGrace, pollInterval);
    }

    /** @return these limits with another whole-job limit */
    public WorkerLimits withJob(Duration newJob) {
        return new WorkerLimits(call, newJob, exitGrace, pollInterval);
    }

    /** @return these limits with another exit grace */
    public WorkerLimits withExitGrace(Duration newGrace) {
        return new WorkerLimits(call, job, newGrace, pollInterval);
    }
}

package dev.scanbench.harness.session;

import dev.scanbench.harness.Defaults;
import java.time.Duration;

/** The watchdog's limits of a worker job, by backend: a GPU's per-call limit is RE-Bench's, the emulator's its own. */
final class JobLimits {
    private JobLimits() {
    }

    /**
     * The per-call limit: the one asked for, else {@link Defaults#WORKER_CALL_TIMEOUT} on a GPU and
     * {@link Defaults#EMULATOR_CALL_TIMEOUT} on the emulator.
     */
    static Duration call(boolean cuda, Duration asked) {
        if (asked != null) {
            return asked;
        }
        return cuda ? Defaults.WORKER_CALL_TIMEOUT : Defaults.EMULATOR_CALL_TIMEOUT;
    }

    /**
     * The whole job's limit for a job that is a correctness gate (verify) or runs one plan once (run): a GPU's
     * {@link Defaults#WORKER_JOB_TIMEOUT}, the emulator's {@link Defaults#EMULATOR_JOB_TIMEOUT}, and never less
     * than two calls.
     */
    static Duration job(boolean cuda, Duration call) {
        Duration base = cuda ? Defaults.WORKER_JOB_TIMEOUT : Defaults.EMULATOR_JOB_TIMEOUT;
        Duration twoCalls = call.multipliedBy(2);
        return base.compareTo(twoCalls) >= 0 ? base : twoCalls;
    }
}

package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.scoring.Failures;
import dev.scanbench.harness.worker.FailureKinds;
import dev.scanbench.harness.worker.WorkerOutcome;
import java.util.Set;

/**
 * How a {@code verify} or {@code run} worker job ended: its result, or why it has none.
 *
 * @param result  the job's result, or null
 * @param failure why there is no result, or null
 * @param calls   how many candidate calls the job started (a battery's cases)
 * @param ended   how many of them ended (ran to completion) before the job did
 * @param oldestOpen the oldest call still open when the job ended (the one that hung or crashed, if the job did
 *                not complete; a battery runs several at once), or null
 */
public record JobOutcome(JsonNode result, ScoreFailure failure, int calls, int ended, String oldestOpen) {

    /** Kinds that say the machine lacks something (memory, the device), not that the candidate failed. */
    private static final Set<String> ENVIRONMENT = Set.of(FailureKinds.OUT_OF_MEMORY, Failures.DEVICE_UNAVAILABLE,
            Failures.ENVIRONMENT);
    /** Kinds that say the workbench itself went wrong. */
    private static final Set<String> INTERNAL = Set.of(FailureKinds.EXCEPTION, FailureKinds.UNKNOWN_JOB,
            FailureKinds.BAD_REQUEST);

    /** @param heap the worker's heap, for the advice when it ran out */
    static JobOutcome of(WorkerOutcome outcome, String heap) {
        if (outcome instanceof WorkerOutcome.Completed c) {
            return new JobOutcome(c.result(), null, 0, 0, null);
        }
        return new JobOutcome(null, OutcomeMapper.failure(outcome, heap), 0, 0, null);
    }

    /** This outcome, with the calls the job started and ended, and the oldest still open. */
    JobOutcome withCalls(int started, int endedCalls, String oldest) {
        return new JobOutcome(result, failure, started, endedCalls, oldest);
    }

    /** This completed run, failed after all: its output file could not be taken out of the worker's folder. */
    JobOutcome lostOutput(String why) {
        return new JobOutcome(null, ScoreFailure.of(Failures.IO, why), calls, ended, oldestOpen);
    }

    /** True when the worker died without an answer (an exit, a signal, a JVM fatal error). */
    public boolean crashed() {
        return failure != null && OutcomeMapper.CRASH.equals(failure.kind());
    }

    /** True when the watchdog stopped the job (a call or the whole job ran past its limit). */
    public boolean timedOut() {
        return failure != null && OutcomeMapper.TIMEOUT.equals(failure.kind());
    }

    /** True when the job returned a result. */
    public boolean completed() {
        return result != null;
    }

    /**
     * True when the failure is the environment's: out of memory, a device that cannot be opened, a launch past
     * the emulator's limits.
     */
    public boolean environment() {
        return failure != null && ENVIRONMENT.contains(failure.kind());
    }

    /** True when the failure is a bug of the workbench (the job threw), not the candidate's. */
    public boolean internal() {
        return failure != null && INTERNAL.contains(failure.kind());
    }

    /** True when a file of the job (run's input or output) could not be read or written. */
    public boolean io() {
        return failure != null && Failures.IO.equals(failure.kind());
    }
}

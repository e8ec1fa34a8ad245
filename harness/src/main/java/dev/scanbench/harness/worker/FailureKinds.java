package dev.scanbench.harness.worker;

/**
 * The {@link WorkerOutcome.Failed#kind() kinds} of failure the worker mechanism itself reports; jobs add
 * their own through {@link JobFailure} (e.g. {@code "device-fault"}, {@code "mismatch"}).
 */
public final class FailureKinds {

    /** The job threw an exception that is not a {@link JobFailure}: most likely a bug in the job. */
    public static final String EXCEPTION = "exception";

    /** The job ran out of memory (Java heap, direct memory or native threads) and reported it. */
    public static final String OUT_OF_MEMORY = "out-of-memory";

    /** The request named a job that is not registered in the worker's class path. */
    public static final String UNKNOWN_JOB = "unknown-job";

    /** The request on the worker's stdin was not the protocol's JSON envelope. */
    public static final String BAD_REQUEST = "bad-request";

    private FailureKinds() {
    }
}

package dev.scanbench.service.job;

/**
 * Runs queued submissions, two engines behind one interface: {@link LocalQueue} on this machine and
 * {@link SlurmQueue} on a cluster. Each engine runs a
 * submission as one {@code workbench score} that appends its own signed entry, and keeps the submission's state
 * in the {@link SubmissionStore} as it goes.
 */
public interface JobQueue extends AutoCloseable {

    /** Queues a stored submission whose status is {@link JobStatus#QUEUED}. */
    void enqueue(SubmissionState submission);

    /**
     * Cancels a queued or running submission: a queued one never starts, a running one's child is killed.
     *
     * @return whether it was queued or running here
     */
    boolean cancel(String id) throws java.io.IOException;

    /** @return submissions waiting */
    int queued();

    /** @return submissions running */
    int running();

    /**
     * Takes over an attempt an earlier service on this state started and that may still be running (a Slurm job).
     *
     * @return false when this engine's attempts cannot outlive the service (they died with it)
     */
    default boolean adopt(SubmissionState submission) {
        return false;
    }

    /**
     * Stops taking work. The local engine kills its running children (their submissions are queued again at the
     * next start); the Slurm engine leaves its jobs to Slurm and the next start follows them again.
     */
    @Override
    void close();
}

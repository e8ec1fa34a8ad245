package dev.scanbench.service.job;

/**
 * Runs queued submissions, one engine behind one interface: {@link LocalQueue} on this machine. Each engine runs a
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

    /** Stops taking work and kills running children; their submissions are requeued at the next start. */
    @Override
    void close();
}

package dev.scanbench.harness.worker;

/**
 * The worker JVM could not be started (no java binary, no processes left). An environment problem, not
 * the candidate's: once a worker runs, whatever happens to it is a {@link WorkerOutcome}.
 */
public class WorkerStartException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be started, naming the command
     * @param cause   the underlying error
     */
    public WorkerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

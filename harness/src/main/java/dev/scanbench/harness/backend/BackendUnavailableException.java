package dev.scanbench.harness.backend;

/** The backend cannot run here (no CUDA driver or device, for instance): an environment problem. */
public class BackendUnavailableException extends BackendException {
    private static final long serialVersionUID = 1L;

    /** @param message what is missing */
    public BackendUnavailableException(String message) {
        super(message);
    }
}

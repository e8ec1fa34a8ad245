package dev.scanbench.harness.backend;

/**
 * A backend operation failed. Subclasses say whose fault it is: {@link DeviceFaultException} for a kernel
 * that faulted, {@link BackendUnavailableException} for a missing device or driver.
 */
public class BackendException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the operation (and the kernel or buffer when known) */
    public BackendException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying error
     */
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}

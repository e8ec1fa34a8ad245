package dev.scanbench.tritonbridge;

/** A Triton candidate could not be compiled; subclasses say whose fault and what kind. */
public class TritonException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the file (and line where known) */
    public TritonException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying failure
     */
    public TritonException(String message, Throwable cause) {
        super(message, cause);
    }
}

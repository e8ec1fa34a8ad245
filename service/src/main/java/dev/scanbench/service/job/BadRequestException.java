package dev.scanbench.service.job;

/** A submission the service refuses before queueing it: the message says what to fix. */
public final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether the request was too large (HTTP 413) rather than wrong (400). */
    private final boolean tooLarge;

    public BadRequestException(String message) {
        this(message, false);
    }

    public BadRequestException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    /** @return whether the request was refused for its size */
    public boolean tooLarge() {
        return tooLarge;
    }
}

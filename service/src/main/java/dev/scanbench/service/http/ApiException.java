package dev.scanbench.service.http;

/** A request the API refuses: its HTTP status and a message that says what to do. */
final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String retryAfter;

    ApiException(int status, String message) {
        this(status, message, null);
    }

    ApiException(int status, String message, String retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    /** @return seconds for a {@code Retry-After} header, or null */
    String retryAfter() {
        return retryAfter;
    }
}

package dev.scanbench.report.compare;

/** A compare argument that names no entry, or more than one. */
public final class SelectionException extends Exception {
    private static final long serialVersionUID = 1L;

    SelectionException(String message) {
        super(message);
    }
}

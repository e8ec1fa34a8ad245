package dev.scanbench.harness.verify;

/**
 * The candidate ran but its result is wrong. Subclasses say how: {@link WrongOutputException} (an output
 * element differs from the oracle) or {@link InputModifiedException} (x changed). A kernel that faults or hangs
 * is a {@code DeviceFaultException} from the backend instead.
 */
public class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, with the index and values */
    public VerificationException(String message) {
        super(message);
    }
}

package dev.scanbench.harness.measure;

/** A measurement that could not produce a time. Subclasses say why. */
public class MeasurementException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, and where in the measurement */
    public MeasurementException(String message) {
        super(message);
    }

    /**
     * @param message what failed, and where in the measurement
     * @param cause   the underlying failure
     */
    public MeasurementException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.scanbench.harness.measure;

/**
 * The output of a measured run was wrong. Measurement stops at the first wrong output: a fast time for a
 * wrong answer is not a time. The glue throws it with the mismatch in words; the protocol re-throws it with
 * the phase and iteration where it happened in front.
 */
public class VerificationFailedException extends MeasurementException {
    private static final long serialVersionUID = 1L;

    private final String mismatch;

    /** @param mismatch the first mismatch, e.g. index, expected and actual values and the input around it */
    public VerificationFailedException(String mismatch) {
        super(mismatch);
        this.mismatch = mismatch;
    }

    private VerificationFailedException(String where, VerificationFailedException cause) {
        super(where + ": " + cause.mismatch, cause);
        this.mismatch = cause.mismatch;
    }

    /** @return the mismatch as the glue described it, without the location */
    public String mismatch() {
        return mismatch;
    }

    /**
     * @param where the location, e.g. {@code "sample 7 of the measurement"}
     * @return an exception with the same mismatch, its message prefixed with {@code where}, caused by this one
     */
    public VerificationFailedException at(String where) {
        return new VerificationFailedException(where, this);
    }
}

package dev.scanbench.harness.verify;

/** The output differs from the expected output; carries the first mismatch and the input around it. */
public final class WrongOutputException extends VerificationException {
    private static final long serialVersionUID = 1L;
    private final transient Mismatch mismatch;

    /** @param mismatch the first wrong element */
    public WrongOutputException(Mismatch mismatch) {
        super("wrong output: " + mismatch.describe());
        this.mismatch = mismatch;
    }

    /** The first wrong element and its surroundings. */
    public Mismatch mismatch() {
        return mismatch;
    }
}

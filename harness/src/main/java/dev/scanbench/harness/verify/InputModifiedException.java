package dev.scanbench.harness.verify;

/** The candidate wrote to its input x, which must stay unmodified (its checksum changed across the run). */
public final class InputModifiedException extends VerificationException {
    private static final long serialVersionUID = 1L;
    private final long index;

    /**
     * @param index    the first modified element
     * @param original its value before the run
     * @param now      its value after
     * @param n        the problem size
     */
    public InputModifiedException(long index, int original, int now, long n) {
        super("the input x was modified: x[" + index + "] was " + original + " before the run and is " + now
                + " after it (n = " + n + "); a kernel must only read x");
        this.index = index;
    }

    /** The first modified element. */
    public long index() {
        return index;
    }
}

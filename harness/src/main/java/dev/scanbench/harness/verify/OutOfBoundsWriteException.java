package dev.scanbench.harness.verify;

/**
 * The candidate wrote past the end of y: the canary region the harness keeps after y[n-1] on a backend without
 * bounds checking (a GPU) changed. A kernel without a tail guard does this whenever n is not a multiple of its
 * tile; on hardware it corrupts whatever lies after the output.
 */
public final class OutOfBoundsWriteException extends VerificationException {
    private static final long serialVersionUID = 1L;
    private final long index;

    /**
     * @param index   the first changed element past the end, counted from y[0]
     * @param n       the problem size
     * @param changed how many elements of the guard changed
     * @param guard   how many elements the guard has
     */
    public OutOfBoundsWriteException(long index, long n, long changed, long guard) {
        super("the kernel wrote past the end of y: y[" + index + "] (n = " + n + ", so the last element is y["
                + (n - 1) + "]) no longer holds the canary; " + changed + " of the " + guard
                + " guard elements after y changed. Guard the tail: only i < n may be written");
        this.index = index;
    }

    /** The first element written past the end. */
    public long index() {
        return index;
    }
}

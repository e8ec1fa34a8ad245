package dev.scanbench.emulator.decode;

/**
 * What the integer comparison codes of setp mean (eq, ne, lt, le, gt, ge, lo, ls, hi, hs: the first ten of the
 * decoder's spellings, in its order): for each, bit {@code sign(x - y) + 1} of its truth says whether it holds, the
 * operands ordered as signed values, or as unsigned ones for lo, ls, hi, hs and for an unsigned type. The
 * interpreter and the block translator both read it here.
 */
public final class IntegerCompare {
    /** Codes that compare integers. */
    public static final int CODES = 10;
    private static final int[] TRUTH = {0b010, 0b101, 0b001, 0b011, 0b100, 0b110, 0b001, 0b011, 0b100, 0b110};

    private IntegerCompare() {
    }

    /** The truth bits of comparison code {@code cmp} (0 to {@link #CODES} - 1). */
    public static int truth(int cmp) {
        return TRUTH[cmp];
    }

    /** A copy of every code's truth bits, indexed by code. */
    public static int[] truths() {
        return TRUTH.clone();
    }

    /** True if code {@code cmp} orders signed operands as signed (lo, ls, hi, hs order every type unsigned). */
    public static boolean signedOrder(int cmp, boolean signedType) {
        return signedType && cmp < 6;
    }
}

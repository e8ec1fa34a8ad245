package dev.scanbench.baseline.oracle;

/**
 * A CPU implementation of the scan defined in {@link dev.scanbench.baseline.task.TaskSpec}, used as the
 * ground truth candidates are compared against. Implementations are stateless and thread-safe, never modify
 * {@code x}, and agree bit for bit with {@link SequentialOracle}.
 */
public interface Oracle {

    /**
     * Writes the scan of {@code x} into {@code y}.
     *
     * @param x the input, not modified
     * @param y the output, same length as {@code x}, a different array
     * @throws IllegalArgumentException if the lengths differ or {@code x} and {@code y} are the same array
     */
    void scan(int[] x, int[] y);

    /**
     * A short stable name for reports and logs, e.g. {@code sequential}.
     *
     * @return the name
     */
    String name();

    /**
     * The scan of {@code x} into a fresh array.
     *
     * @param x the input, not modified
     * @return the output
     */
    default int[] scan(int[] x) {
        int[] y = new int[x.length];
        scan(x, y);
        return y;
    }

    /**
     * The argument check every implementation performs before touching memory.
     *
     * @param x the input
     * @param y the output
     * @throws IllegalArgumentException if the lengths differ or the arrays are the same
     */
    static void checkArguments(int[] x, int[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "output length " + y.length + " differs from input length " + x.length);
        }
        if (x == y) {
            throw new IllegalArgumentException("input and output must be distinct arrays: x is never modified");
        }
    }
}

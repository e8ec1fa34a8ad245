package dev.scanbench.baseline.task;

/**
 * The task contract of the RE-Bench "optimize a kernel" prefix-sum variant: sizes, value range and exact
 * semantics. Every oracle, generator and kernel in the workbench is checked against this definition.
 *
 * <h2>Semantics</h2>
 * Input {@code x} is an {@code int32[n]}; output {@code y} is an {@code int32[n]}:
 * <pre>
 *   y[i] = sum over j = 1..i of  x[j] * [ (number of k &lt; j with x[k] &gt; 0) is odd ]
 * </pre>
 * All arithmetic is two's-complement int32 and wraps modulo 2<sup>32</sup> (Java {@code int} addition, CUDA
 * {@code int32_t} addition); overflow is never an error. Operationally: walk {@code j = 0..n-1} with a flag
 * {@code odd} (parity of the positives strictly before {@code j}, initially false) and a sum {@code s}
 * (initially 0); at element {@code j}: if {@code odd} then {@code s += x[j]}; {@code y[j] = s}; then if
 * {@code x[j] > 0} flip {@code odd}. Consequently {@code y[0] == 0} always: nothing precedes element 0, so
 * {@code odd} is false there and element 0 is never added (the sum starts at j = 1 in the formula above).
 * "Positive" means strictly greater than zero: zeros and negatives never flip the parity.
 *
 * <p>The scan is associative but not commutative; {@link Segment} is its monoid.
 */
public final class TaskSpec {

    /** Number of elements of a scoring input: 10<sup>8</sup> int32 values (400 MB). */
    public static final int DEFAULT_N = 100_000_000;

    /** Smallest value of a scoring input (inclusive), as torch {@code randint(-10, 10)} draws. */
    public static final int VALUE_MIN = -10;

    /** Largest value of a scoring input (inclusive): torch's upper bound 10 is exclusive. */
    public static final int VALUE_MAX = 9;

    /** Number of distinct input values, {@code VALUE_MAX - VALUE_MIN + 1}. */
    public static final int VALUE_COUNT = VALUE_MAX - VALUE_MIN + 1;

    private TaskSpec() {
    }
}

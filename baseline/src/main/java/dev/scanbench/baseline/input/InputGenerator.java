package dev.scanbench.baseline.input;

import dev.scanbench.baseline.task.TaskSpec;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Counter-based, seeded generator of task inputs: element {@code i} depends only on {@code (seed, i)}, so any
 * element can be produced independently, in any order, by any thread, on the CPU or on a GPU.
 *
 * <h2>Algorithm (normative: a CUDA port must follow it to the bit)</h2>
 * All arithmetic is on unsigned 64-bit integers modulo 2<sup>64</sup> ({@code uint64_t} in C/CUDA; Java
 * {@code long} with {@code >>>} for logical shifts). {@code seed} and {@code index} are taken as their 64-bit
 * two's-complement bit patterns.
 * <ol>
 *   <li>{@code mix64(z)}, the splitmix64 finaliser, is:
 *       {@code z ^= z >> 30; z *= 0xBF58476D1CE4E5B9; z ^= z >> 27; z *= 0x94D049BB133111EB; z ^= z >> 31;}
 *       (logical right shifts).</li>
 *   <li>{@code key = mix64(seed)} — computed once per seed.</li>
 *   <li>{@code h = mix64(key + (index + 1) * 0x9E3779B97F4A7C15)} — the 64-bit hash, {@link #hash64}.</li>
 *   <li>{@code r = h >> 32} — the high 32 bits, an unsigned value in [0, 2<sup>32</sup>).</li>
 *   <li>{@code u = (r * 20) >> 32} — multiply-high reduction to [0, 20) ({@link #reduce}); each value has
 *       probability 1/20 within 20/2<sup>32</sup> (about 5e-9), no modulo, no floating point.</li>
 *   <li>{@code value = (int32_t) u - 10} — in [{@link TaskSpec#VALUE_MIN}, {@link TaskSpec#VALUE_MAX}].</li>
 * </ol>
 * In CUDA: {@code uint64_t r = h >> 32; int v = (int)((r * 20ull) >> 32) - 10;} — the product fits in 64 bits.
 * Golden values for a few {@code (seed, index)} pairs are pinned in the tests and checked against an
 * independent C implementation compiled with gcc.
 */
public final class InputGenerator {

    /** Fills below this length run on the calling thread: forking costs more than it saves. */
    static final int PARALLEL_THRESHOLD = 1 << 18;

    /** Elements per parallel task: large enough to amortise scheduling, small enough to balance. */
    static final int CHUNK = 1 << 16;

    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private InputGenerator() {
    }

    /**
     * The splitmix64 finaliser (step 1 of the algorithm).
     *
     * @param z any 64-bit value
     * @return its bijective mix
     */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The 64-bit hash of {@code (seed, index)} (steps 2-3): the random bits behind every generated value.
     *
     * @param seed  the seed
     * @param index the element index
     * @return {@code mix64(mix64(seed) + (index + 1) * 0x9E3779B97F4A7C15)}
     */
    public static long hash64(long seed, long index) {
        return hashFromKey(mix64(seed), index);
    }

    /**
     * Maps the high 32 bits of a hash onto [0, count) by multiply-high (steps 4-5).
     *
     * @param hash  a 64-bit hash
     * @param count the number of outcomes, positive
     * @return {@code ((hash >>> 32) * count) >>> 32}
     */
    public static int reduce(long hash, int count) {
        return (int) (((hash >>> 32) * count) >>> 32);
    }

    /**
     * The input value at {@code index} for {@code seed}.
     *
     * @param seed  the seed
     * @param index the element index, any 64-bit value
     * @return a value in [{@link TaskSpec#VALUE_MIN}, {@link TaskSpec#VALUE_MAX}]
     */
    public static int value(long seed, long index) {
        return valueFromKey(mix64(seed), index);
    }

    /**
     * A fresh input of {@code n} elements: {@code generate(seed, n)[i] == value(seed, i)}.
     *
     * @param seed the seed
     * @param n    the length, non-negative
     * @return the generated array
     */
    public static int[] generate(long seed, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("length must be non-negative, was " + n);
        }
        int[] x = new int[n];
        fill(seed, x);
        return x;
    }

    /**
     * Overwrites {@code dst[i]} with {@code value(seed, i)} for every {@code i}; large arrays are filled in
     * parallel across cores with the same result as a sequential fill.
     *
     * @param seed the seed
     * @param dst  the array to fill
     */
    public static void fill(long seed, int[] dst) {
        Objects.requireNonNull(dst, "dst");
        long key = mix64(seed);
        forEachChunk(dst.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                dst[i] = valueFromKey(key, i);
            }
        });
    }

    private static int valueFromKey(long key, long index) {
        return reduce(hashFromKey(key, index), TaskSpec.VALUE_COUNT) + TaskSpec.VALUE_MIN;
    }

    /** Step 3 given the already mixed seed, so fills mix the seed once rather than per element. */
    static long hashFromKey(long key, long index) {
        return mix64(key + (index + 1) * GAMMA);
    }

    /** A half-open index range handled by one task. */
    @FunctionalInterface
    interface RangeAction {
        void run(int from, int to);
    }

    /** Runs {@code action} over [0, n) in chunks, in parallel when n is large enough to pay for it. */
    static void forEachChunk(int n, RangeAction action) {
        if (n < PARALLEL_THRESHOLD) {
            action.run(0, n);
            return;
        }
        int chunks = (int) (((long) n + CHUNK - 1) / CHUNK);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            action.run(from, (int) Math.min((long) from + CHUNK, n));
        });
    }
}

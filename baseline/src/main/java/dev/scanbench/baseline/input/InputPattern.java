package dev.scanbench.baseline.input;

import dev.scanbench.baseline.task.TaskSpec;
import java.util.Objects;

/**
 * Families of inputs for correctness batteries and {@code workbench generate --pattern}. Each is deterministic
 * in its seed and counter-based (element {@code i} depends on {@code (seed, i)} only), built on
 * {@link InputGenerator#hash64}; patterns other than {@link #RANDOM} salt the seed so that two patterns with the
 * same seed are not correlated.
 */
public enum InputPattern {

    /** The scoring distribution: exactly {@link InputGenerator#fill}, values uniform in [-10, 9]. */
    RANDOM("uniform in [-10, 9]: the scoring distribution") {
        @Override
        int value(long key, int i) {
            return InputGenerator.reduce(hash(key, i), TaskSpec.VALUE_COUNT) + TaskSpec.VALUE_MIN;
        }
    },

    /** Every element flips the parity: values uniform in [1, 9]. */
    ALL_POSITIVE("uniform in [1, 9]: the parity flips at every element") {
        @Override
        int value(long key, int i) {
            return 1 + InputGenerator.reduce(hash(key, i), 9);
        }
    },

    /** The parity never flips, so the output is all zeros: values uniform in [-10, 0]. */
    ALL_NON_POSITIVE("uniform in [-10, 0]: the parity never flips, the output is all zeros") {
        @Override
        int value(long key, int i) {
            return TaskSpec.VALUE_MIN + InputGenerator.reduce(hash(key, i), 11);
        }
    },

    /** Even indices in [1, 9], odd indices in [-10, -1]. */
    ALTERNATING("signs alternate: even indices in [1, 9], odd indices in [-10, -1]") {
        @Override
        int value(long key, int i) {
            long h = hash(key, i);
            return (i & 1) == 0 ? 1 + InputGenerator.reduce(h, 9) : -10 + InputGenerator.reduce(h, 10);
        }
    },

    /** Mostly zeros: one element in 256 on average is a non-zero value of [-10, 9]. */
    ZERO_RUNS("long runs of zeros (mean 255) between non-zero values of [-10, 9]") {
        @Override
        int value(long key, int i) {
            long h = hash(key, i);
            if ((h & 0xFF) != 0) {
                return 0;
            }
            int v = TaskSpec.VALUE_MIN + InputGenerator.reduce(h, TaskSpec.VALUE_COUNT - 1);
            return v >= 0 ? v + 1 : v; // skip 0 so the chosen element is really non-zero
        }
    },

    /** Half extreme constants, half arbitrary 32-bit values, so sums wrap around int32. */
    EXTREME("far outside [-10, 9]: MIN_VALUE, MAX_VALUE, +-1, 0 and arbitrary 32-bit values; sums wrap") {
        private final int[] specials = {
            Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1, -1, 0, 1};

        @Override
        int value(long key, int i) {
            long h = hash(key, i);
            // Low bit picks the family; the high 32 bits (independent of it) pick the value.
            return (h & 1) == 0 ? specials[InputGenerator.reduce(h, specials.length)] : (int) (h >>> 32);
        }
    };

    private final String description;

    InputPattern(String description) {
        this.description = description;
    }

    /**
     * A one-line description for help texts and reports.
     *
     * @return what the pattern contains
     */
    public String description() {
        return description;
    }

    /**
     * Overwrites every element of {@code dst} with this pattern for {@code seed}; large arrays are filled in
     * parallel with the same result as a sequential fill.
     *
     * @param seed the seed
     * @param dst  the array to fill
     */
    public void fill(long seed, int[] dst) {
        Objects.requireNonNull(dst, "dst");
        long key = InputGenerator.mix64(this == RANDOM ? seed : seed ^ salt());
        InputGenerator.forEachChunk(dst.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                dst[i] = value(key, i);
            }
        });
    }

    /** The value at index {@code i} given the mixed key of the (salted) seed. */
    abstract int value(long key, int i);

    private long salt() {
        return InputGenerator.mix64(0x5A17_0000L + ordinal());
    }

    private static long hash(long key, long index) {
        return InputGenerator.hashFromKey(key, index);
    }
}

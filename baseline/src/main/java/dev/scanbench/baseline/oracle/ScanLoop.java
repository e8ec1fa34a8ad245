package dev.scanbench.baseline.oracle;

import dev.scanbench.baseline.task.Segment;

/** The hot loop shared by the oracles: the definition run from a given incoming state. */
final class ScanLoop {

    /**
     * Elements per block of {@link #scan}: small enough that the block of {@code x} and {@code y} stays in the L1
     * cache between the flag loop and the sum loop.
     */
    static final int BLOCK = 512;

    private ScanLoop() {
    }

    /**
     * Scans {@code x[from..to)} into {@code y[from..to)} starting from parity {@code odd} and sum {@code s}.
     *
     * @return the outgoing state, packed by {@link #pack}
     */
    static long scan(int[] x, int[] y, int from, int to, boolean odd, int s) {
        // Two loops per block. The first writes each element's "flips the parity" mask (-1 or 0) into y; it has no
        // loop-carried dependency, so C2 vectorises it. The second then only carries the parity as a mask and the
        // sum: one xor, one and, one add per element, against the compare, set, test and conditional move of the
        // one-loop form. x and y share the index, which C2 needs to vectorise the first loop and to drop the range
        // checks of the second.
        int mask = odd ? -1 : 0;
        int sum = s;
        for (int b = from; b < to; ) {
            int e = to - b > BLOCK ? b + BLOCK : to;
            for (int j = b; j < e; j++) {
                y[j] = flipMask(x[j]);
            }
            for (int j = b; j < e; j++) {
                sum += x[j] & mask;
                mask ^= y[j];
                y[j] = sum;
            }
            b = e;
        }
        return pack(mask != 0, sum);
    }

    /**
     * Summarises {@code x[from..to)} like {@link dev.scanbench.baseline.task.Segment#summarise}, faster: the parity
     * is carried as a mask, so the body is and, add, add and the branch-free flip, with no compare, set or
     * conditional move. (Routing the flips through a small scratch block, as {@link #scan} does through y, made C2
     * drop the vectorisation and keep range checks, because x and the scratch differ in index base.)
     *
     * @return the summary as (odd, a0, a1)
     */
    static Segment summarise(int[] x, int from, int to) {
        int mask = 0;
        int evenSum = 0;
        int total = 0;
        for (int j = from; j < to; j++) {
            int v = x[j];
            evenSum += v & mask;
            total += v;
            mask ^= flipMask(v);
        }
        // Entering odd flips every element's local parity, so a1 picks exactly the elements a0 skipped.
        return new Segment(mask != 0, evenSum, total - evenSum);
    }

    /**
     * -1 when {@code v > 0}, else 0, without a compare: the sign bit of {@code -v & ~v} is set exactly for
     * positive {@code v} ({@code Integer.MIN_VALUE} negates to itself, but its complement is non-negative).
     */
    static int flipMask(int v) {
        return (-v & ~v) >> 31;
    }

    /** Packs a state into a long: the sum in the low 32 bits, the parity in bit 32. */
    static long pack(boolean odd, int sum) {
        return (odd ? 1L << 32 : 0L) | (sum & 0xFFFF_FFFFL);
    }

    static boolean oddOf(long state) {
        return (state >>> 32) != 0;
    }

    static int sumOf(long state) {
        return (int) state;
    }
}

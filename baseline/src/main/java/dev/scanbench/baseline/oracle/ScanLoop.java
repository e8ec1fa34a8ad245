package dev.scanbench.baseline.oracle;

/** The hot loop shared by the oracles: the definition run from a given incoming state. */
final class ScanLoop {

    private ScanLoop() {
    }

    /**
     * Scans {@code x[from..to)} into {@code y[from..to)} starting from parity {@code odd} and sum {@code s}.
     *
     * @return the outgoing state, packed by {@link #pack}
     */
    static long scan(int[] x, int[] y, int from, int to, boolean odd, int s) {
        // A conditional expression, not an if statement, so the JIT emits a conditional move: random signs make
        // a branch mispredict half the time, which would cost more than the rest of the loop body.
        boolean parity = odd;
        int sum = s;
        for (int j = from; j < to; j++) {
            int v = x[j];
            sum += parity ? v : 0;
            y[j] = sum;
            parity ^= v > 0;
        }
        return pack(parity, sum);
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

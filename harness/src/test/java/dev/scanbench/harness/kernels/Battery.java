package dev.scanbench.harness.kernels;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.baseline.oracle.SequentialOracle;
import dev.scanbench.emulator.DispatchOrder;
import dev.scanbench.emulator.LaunchOptions;

/** The correctness battery's pieces: inputs, expected outputs, dispatch settings, and an exact comparison. */
final class Battery {
    /** Sizes around warp, block and tile edges (tiles of 256, 512, 1024, 2048 and 4096 elements). */
    static final int[] EDGE_SIZES = {1, 31, 32, 33, 1023, 1024, 1025, 4097};

    /** CTAs resident at once: few enough that most of a grid waits, so scheduling order matters. */
    static final int RESIDENT_SMS = 2;
    static final int CTAS_PER_SM = 2;

    private Battery() {
    }

    /** The pattern's input of {@code n} elements for a seed derived from the case. */
    static int[] input(InputPattern pattern, int n) {
        int[] x = new int[n];
        pattern.fill(0x5EED_0000L + 31L * n + pattern.ordinal(), x);
        return x;
    }

    /** What the sequential oracle says {@code x} scans to. */
    static int[] expected(int[] x) {
        int[] y = new int[x.length];
        new SequentialOracle().scan(x, y);
        return y;
    }

    /** Every diagnostic on, limited residency, the given dispatch order (RANDOM seeded by {@code seed}). */
    static LaunchOptions checked(DispatchOrder order, long seed) {
        return LaunchOptions.allChecks().withResidency(RESIDENT_SMS, CTAS_PER_SM).withOrder(order, seed);
    }

    /** Null when equal, else a message naming the first mismatching index and both values. */
    static String firstMismatch(int[] want, int[] got) {
        for (int i = 0; i < want.length; i++) {
            if (want[i] != got[i]) {
                int mismatches = 0;
                for (int j = i; j < want.length; j++) {
                    mismatches += want[j] != got[j] ? 1 : 0;
                }
                return "y[" + i + "] = " + got[i] + " (0x" + Integer.toHexString(got[i]) + "), expected " + want[i]
                        + "; " + mismatches + " of " + want.length + " elements differ";
            }
        }
        return null;
    }
}

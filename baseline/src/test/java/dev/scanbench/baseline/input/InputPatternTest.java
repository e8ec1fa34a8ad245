package dev.scanbench.baseline.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InputPatternTest {

    private static final int N = InputGenerator.PARALLEL_THRESHOLD + 4099;

    private static int[] fill(InputPattern p, long seed, int n) {
        int[] x = new int[n];
        p.fill(seed, x);
        return x;
    }

    @ParameterizedTest
    @EnumSource(InputPattern.class)
    void deterministicAndParallelFillEqualsSequential(InputPattern p) {
        int[] big = fill(p, 11, N);
        assertThat(fill(p, 11, N)).isEqualTo(big);
        // Short arrays are filled on one thread, long ones in parallel: the prefixes must agree.
        assertThat(fill(p, 11, 5000)).isEqualTo(Arrays.copyOf(big, 5000));
        assertThat(fill(p, 12, 5000)).isNotEqualTo(Arrays.copyOf(big, 5000));
        assertThat(p.description()).isNotBlank();
    }

    @Test
    void randomIsTheGenerator() {
        assertThat(fill(InputPattern.RANDOM, 5, 10_000)).isEqualTo(InputGenerator.generate(5, 10_000));
    }

    @Test
    void rangesOfTheSignPatterns() {
        IntSummary pos = IntSummary.of(fill(InputPattern.ALL_POSITIVE, 1, N));
        assertThat(pos.min).isEqualTo(1);
        assertThat(pos.max).isEqualTo(9);
        IntSummary nonPos = IntSummary.of(fill(InputPattern.ALL_NON_POSITIVE, 1, N));
        assertThat(nonPos.min).isEqualTo(-10);
        assertThat(nonPos.max).isEqualTo(0);
        int[] alt = fill(InputPattern.ALTERNATING, 1, N);
        for (int i = 0; i < alt.length; i++) {
            boolean ok = (i % 2 == 0) ? alt[i] >= 1 && alt[i] <= 9 : alt[i] >= -10 && alt[i] <= -1;
            if (!ok) {
                throw new AssertionError("ALTERNATING has " + alt[i] + " at index " + i);
            }
        }
    }

    @Test
    void zeroRunsAreLongAndSeparateNonZeroValues() {
        int[] x = fill(InputPattern.ZERO_RUNS, 1, N);
        int nonZero = 0;
        int longestRun = 0;
        int run = 0;
        for (int v : x) {
            if (v == 0) {
                longestRun = Math.max(longestRun, ++run);
            } else {
                assertThat(v).isBetween(-10, 9);
                nonZero++;
                run = 0;
            }
        }
        assertThat(nonZero).isBetween(N / 256 / 2, N / 256 * 2);
        assertThat(longestRun).isGreaterThan(1000);
    }

    @Test
    void extremeHitsTheInt32LimitsAndBothSigns() {
        int[] x = fill(InputPattern.EXTREME, 1, 100_000);
        assertThat(x).contains(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1);
        long outside = Arrays.stream(x).filter(v -> v < -10 || v > 9).count();
        assertThat(outside).isGreaterThan(x.length / 2);
        assertThat(Arrays.stream(x).filter(v -> v > 0).count()).isGreaterThan(x.length / 3);
        assertThat(Arrays.stream(x).filter(v -> v < 0).count()).isGreaterThan(x.length / 3);
    }

    private record IntSummary(int min, int max) {
        static IntSummary of(int[] x) {
            return new IntSummary(Arrays.stream(x).min().getAsInt(), Arrays.stream(x).max().getAsInt());
        }
    }
}

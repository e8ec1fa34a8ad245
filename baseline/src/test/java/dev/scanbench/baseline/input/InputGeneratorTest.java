package dev.scanbench.baseline.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.baseline.task.TaskSpec;
import java.util.Arrays;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class InputGeneratorTest {

    /** (seed, index, hash64, value), computed once and cross-checked against the C program in GoldenCTest. */
    static final long[][] GOLDEN = {
        {0, 0, -2152535657050944081L, 7},
        {0, 1, 7960286522194355700L, -2},
        {42, 0, -7450291807549245335L, 1},
        {42, 99_999_999, 7557277813843828448L, -2},
        {-1, 7, -4166297692289072321L, 5},
        {1234567890123L, 5_000_000_000L, 4489443654117290550L, -6},
        {Long.MAX_VALUE, Long.MIN_VALUE, 4822101703677998287L, -5},
    };

    /** Chi-square p-values below this fail; 1e-4 keeps a correct generator from failing by chance. */
    private static final double MIN_P_VALUE = 1e-4;

    @Test
    void pinnedGoldenValues() {
        for (long[] g : GOLDEN) {
            assertThat(InputGenerator.hash64(g[0], g[1])).as("hash64(%d, %d)", g[0], g[1]).isEqualTo(g[2]);
            assertThat(InputGenerator.value(g[0], g[1])).as("value(%d, %d)", g[0], g[1]).isEqualTo((int) g[3]);
        }
    }

    @Test
    void sameSeedSameValuesDifferentSeedDifferentValues() {
        int[] a = InputGenerator.generate(7, 10_000);
        int[] b = InputGenerator.generate(7, 10_000);
        int[] c = InputGenerator.generate(8, 10_000);
        assertThat(a).isEqualTo(b);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == c[i] ? 1 : 0;
        }
        // Independent streams agree on about 1 element in 20.
        assertThat(same).isBetween(300, 700);
    }

    @Test
    void fillAgreesWithValueOnTheParallelPath() {
        int n = InputGenerator.PARALLEL_THRESHOLD * 3 + 17;
        int[] x = new int[n];
        Arrays.fill(x, 12345);
        InputGenerator.fill(99, x);
        for (int i = 0; i < n; i++) {
            if (x[i] != InputGenerator.value(99, i)) {
                throw new AssertionError("fill differs from value at index " + i + ": " + x[i]);
            }
        }
        assertThat(InputGenerator.generate(99, 1000)).isEqualTo(Arrays.copyOf(x, 1000));
    }

    @Test
    void valuesStayInTheTaskRange() {
        int[] x = InputGenerator.generate(3, 200_000);
        assertThat(Arrays.stream(x).min().getAsInt()).isEqualTo(TaskSpec.VALUE_MIN);
        assertThat(Arrays.stream(x).max().getAsInt()).isEqualTo(TaskSpec.VALUE_MAX);
    }

    @Test
    void edgeLengths() {
        assertThat(InputGenerator.generate(1, 0)).isEmpty();
        assertThatThrownBy(() -> InputGenerator.generate(1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void distributionIsUniformByChiSquare() {
        for (long seed : new long[] {1, 2, 0xDEADBEEFL}) {
            int[] x = InputGenerator.generate(seed, 1_000_000);
            long[] counts = new long[TaskSpec.VALUE_COUNT];
            for (int v : x) {
                counts[v - TaskSpec.VALUE_MIN]++;
            }
            assertThat(pValue(counts)).as("seed %d counts %s", seed, Arrays.toString(counts))
                    .isGreaterThan(MIN_P_VALUE);
        }
    }

    @Test
    void aBiasedGeneratorFailsTheSameAssertion() {
        // "low 8 bits mod 20": values 0..15 come up 13 times in 256, 16..19 only 12 times (8 % bias).
        long[] counts = new long[TaskSpec.VALUE_COUNT];
        for (int i = 0; i < 1_000_000; i++) {
            counts[(int) ((InputGenerator.hash64(1, i) & 0xFF) % TaskSpec.VALUE_COUNT)]++;
        }
        assertThat(pValue(counts)).isLessThanOrEqualTo(MIN_P_VALUE);
    }

    @Test
    void reduceCoversEveryOutcomeAtTheEdges() {
        assertThat(InputGenerator.reduce(0L, 20)).isZero();
        assertThat(InputGenerator.reduce(-1L, 20)).isEqualTo(19);
        assertThat(InputGenerator.reduce(1L << 63, 20)).isEqualTo(10);
    }

    private static double pValue(long[] counts) {
        return ChiSquareTest.withDefaults().test(counts).getPValue();
    }
}

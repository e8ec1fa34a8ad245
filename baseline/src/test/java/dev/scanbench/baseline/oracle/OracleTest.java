package dev.scanbench.baseline.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.baseline.task.Segment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OracleTest {

    private static final Oracle SEQUENTIAL = new SequentialOracle();
    private static final int[] THREAD_COUNTS = {1, 2, 3, 4, 7, 16};

    /** Parallel oracles that split even tiny inputs, so every piece boundary is exercised. */
    private static List<Oracle> parallelOracles() {
        List<Oracle> oracles = new ArrayList<>();
        for (int t : THREAD_COUNTS) {
            oracles.add(new ParallelOracle(t, 1));
        }
        oracles.add(new ParallelOracle());
        return oracles;
    }

    /** A third implementation, independent of both oracles: a left fold of the monoid. */
    private static int[] viaMonoid(int[] x) {
        int[] y = new int[x.length];
        Segment prefix = Segment.IDENTITY;
        for (int j = 0; j < x.length; j++) {
            y[j] = prefix.a0() + (prefix.odd() ? x[j] : 0);
            prefix = prefix.combine(Segment.of(x[j]));
        }
        return y;
    }

    private static void assertAllAgree(int[] x, String what) {
        int[] before = x.clone();
        int[] expected = SEQUENTIAL.scan(x);
        if (x.length > 0) {
            assertThat(expected[0]).as("y[0] for %s", what).isZero();
        }
        for (Oracle o : parallelOracles()) {
            int[] y = o.scan(x);
            int m = firstMismatch(expected, y);
            assertThat(m).as("%s on %s (n = %d): first mismatch at %d", o.name(), what, x.length, m).isEqualTo(-1);
        }
        assertThat(x).as("input unmodified").isEqualTo(before);
    }

    private static int firstMismatch(int[] a, int[] b) {
        return java.util.Arrays.mismatch(a, b);
    }

    @Test
    void handWorkedExample() {
        int[] x = {3, -2, 5, 4, -1, 0, 7, -6, 2};
        int[] expected = {0, -2, 3, 3, 2, 2, 9, 9, 9};
        assertThat(SEQUENTIAL.scan(x)).isEqualTo(expected);
        for (Oracle o : parallelOracles()) {
            assertThat(o.scan(x)).as(o.name()).isEqualTo(expected);
        }
    }

    @Test
    void handWorkedWraparound() {
        // 1 makes the parity odd; -1 + MIN_VALUE wraps to MAX_VALUE.
        int[] x = {1, -1, Integer.MIN_VALUE, -1};
        int[] expected = {0, -1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1};
        assertThat(SEQUENTIAL.scan(x)).isEqualTo(expected);
        assertThat(new ParallelOracle(3, 1).scan(x)).isEqualTo(expected);
    }

    @Test
    void sequentialMatchesTheMonoidFold() {
        for (InputPattern p : InputPattern.values()) {
            int[] x = new int[10_007];
            p.fill(21, x);
            assertThat(SEQUENTIAL.scan(x)).as(p.name()).isEqualTo(viaMonoid(x));
        }
    }

    @Test
    void awkwardLengths() {
        List<Integer> lengths = new ArrayList<>(List.of(0, 1, 2, 3, 31, 32, 33, 97, 1009, 65_521, 1_000_003));
        for (int k : new int[] {5, 10, 16, 20}) {
            lengths.add((1 << k) - 1);
            lengths.add((1 << k) + 1);
        }
        for (int n : lengths) {
            assertAllAgree(InputGenerator.generate(n, n), "random input");
        }
    }

    @ParameterizedTest
    @EnumSource(InputPattern.class)
    void adversarialPatterns(InputPattern p) {
        for (int n : new int[] {1, 33, 4099, 300_007}) {
            int[] x = new int[n];
            p.fill(n, x);
            assertAllAgree(x, p.name());
        }
    }

    @Test
    void tenMillionElementsWithDefaultPieces() {
        int[] x = InputGenerator.generate(2024, 10_000_000);
        int[] expected = SEQUENTIAL.scan(x);
        for (int t : new int[] {2, 3, 8}) {
            int[] y = new ParallelOracle(t).scan(x);
            assertThat(firstMismatch(expected, y)).as("%d threads", t).isEqualTo(-1);
        }
        assertThat(firstMismatch(expected, new ParallelOracle().scan(x))).isEqualTo(-1);
    }

    @Test
    void manyRandomSplitsAgree() {
        // Each run steals at timing-dependent points: repetition over random lengths and thread counts exercises
        // meetings at every stage (before the thief summarised anything, mid-chunk, at the owner's last chunk).
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(5_000);
            int threads = 2 + random.nextInt(7);
            int[] x = InputGenerator.generate(round, n);
            int[] expected = SEQUENTIAL.scan(x);
            int[] y = new ParallelOracle(threads, 1 + random.nextInt(4)).scan(x);
            assertThat(firstMismatch(expected, y)).as("n = %d, %d threads", n, threads).isEqualTo(-1);
        }
    }

    @Test
    void allNonPositiveInputGivesZeros() {
        int[] x = new int[100_000];
        InputPattern.ALL_NON_POSITIVE.fill(3, x);
        assertThat(new ParallelOracle(4, 1).scan(x)).containsOnly(0);
    }

    @Test
    void rejectsMismatchedOrAliasedArrays() {
        for (Oracle o : List.of(SEQUENTIAL, new ParallelOracle(2))) {
            assertThatThrownBy(() -> o.scan(new int[3], new int[4])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("4").hasMessageContaining("3");
            int[] same = new int[5];
            assertThatThrownBy(() -> o.scan(same, same)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("distinct");
        }
        assertThatThrownBy(() -> new ParallelOracle(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParallelOracle(2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void names() {
        assertThat(SEQUENTIAL.name()).isEqualTo("sequential");
        assertThat(new ParallelOracle(3).name()).isEqualTo("parallel-3");
    }
}

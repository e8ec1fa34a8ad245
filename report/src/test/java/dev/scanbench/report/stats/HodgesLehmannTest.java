package dev.scanbench.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shift estimator against brute force (every pairwise difference sorted) and the Mann-Whitney law against
 * enumeration and the published critical values.
 */
class HodgesLehmannTest {

    private static double[] brute(double[] a, double[] b) {
        double[] d = new double[a.length * b.length];
        int k = 0;
        for (double x : a) {
            for (double y : b) {
                d[k++] = y - x;
            }
        }
        Arrays.sort(d);
        return d;
    }

    @Test
    void theKthPairwiseDifferenceIsExactlyBruteForcesWithTiesAndNegatives() {
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            double[] a = new double[1 + random.nextInt(30)];
            double[] b = new double[1 + random.nextInt(30)];
            for (int i = 0; i < a.length; i++) {
                a[i] = Math.round(random.nextGaussian() * 20) / 10.0;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = Math.round((random.nextGaussian() + 0.5) * 20) / 10.0;
            }
            double[] sorted = brute(a, b);
            PairwiseDifferences d = new PairwiseDifferences(a, b);
            for (int k = 1; k <= sorted.length; k += 1 + sorted.length / 17) {
                assertThat(d.kth(k)).as("trial %d, k %d", trial, k).isEqualTo(sorted[k - 1]);
            }
            assertThat(d.kth(sorted.length)).isEqualTo(sorted[sorted.length - 1]);
        }
    }

    @Test
    void theEstimateIsTheMedianOfTheDifferencesAndAnExactShiftIsFoundInsideItsInterval() {
        Random random = new Random(3);
        double[] a = new double[25];
        double[] b = new double[31];
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.7 + random.nextGaussian() * 0.01;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = 0.65 + random.nextGaussian() * 0.01;
        }
        double[] sorted = brute(a, b);
        ShiftEstimate s = HodgesLehmann.shift(a, b, 0.99);

        assertThat(sorted.length % 2).isOne();
        assertThat(s.estimate()).isEqualTo(sorted[sorted.length / 2]);
        assertThat(s.estimate()).isCloseTo(-0.05, within(0.01));
        assertThat(s.low()).isLessThan(-0.05 + 0.002).isLessThan(s.estimate());
        assertThat(s.high()).isGreaterThan(s.estimate()).isLessThan(0);
        assertThat(s.exact()).isTrue();
    }

    @Test
    void theExactLawCountsEveryOrderingOnceAndAgreesWithEnumeration() {
        // m = 3, n = 4: U over all C(7,3) = 35 orderings, by enumeration of the x positions.
        double[] counts = RankSumLaw.counts(3, 4);
        double[] expected = new double[13];
        for (int p = 0; p < 7; p++) {
            for (int q = p + 1; q < 7; q++) {
                for (int r = q + 1; r < 7; r++) {
                    // U = number of (x, y) pairs with y before x: positions minus the x's before it.
                    expected[(p - 0) + (q - 1) + (r - 2)]++;
                }
            }
        }
        assertThat(counts).containsExactly(expected);
        assertThat(RankSumLaw.counts(4, 3)).as("the law is symmetric in m and n").containsExactly(expected);
        assertThat(Arrays.stream(RankSumLaw.counts(10, 12)).sum()).isEqualTo(646_646.0); // C(22, 10)
    }

    @Test
    void theIntervalRanksMatchThePublishedCriticalValues() {
        // Two-sided 5% critical values of U (reject when U <= c): m = n = 10 -> 23; m = n = 20 -> 127.
        assertThat(RankSumLaw.lowerRank(10, 10, 0.95, 0)).isEqualTo(24);
        assertThat(RankSumLaw.lowerRank(20, 20, 0.95, 0)).isEqualTo(128);
        // The normal approximation is within 0.1% of the m n ranks of the exact law at these sizes.
        long exact = RankSumLaw.lowerRank(80, 120, 0.99, 0);
        long normal = RankSumLaw.lowerRank(80, 120, 0.99, 1e-9);
        assertThat(Math.abs(exact - normal)).isLessThanOrEqualTo(80 * 120 / 1000);
        assertThat(RankSumLaw.lowerRank(2, 2, 0.99, 0)).as("far too few samples").isZero();
    }

    @Test
    void tenThousandSamplesASideNeedNoPairwiseArray() {
        Random random = new Random(1);
        double[] a = random.doubles(10_000).map(x -> 1 + x * 0.01).toArray();
        double[] b = random.doubles(10_000).map(x -> 1.005 + x * 0.01).toArray();

        ShiftEstimate s = HodgesLehmann.shift(a, b, 0.99);

        assertThat(s.estimate()).isCloseTo(0.005, within(0.0005));
        assertThat(s.low()).isLessThan(s.estimate());
        assertThat(s.high()).isGreaterThan(s.estimate());
        assertThat(s.exact()).isFalse();
    }

    @Test
    void theRobustNoiseIgnoresOneWildSample() {
        double[] x = {1.00, 1.01, 0.99, 1.00, 1.02, 0.98, 1.00, 50.0};

        assertThat(RobustNoise.relative(x)).isCloseTo(1.4826 * 0.01, within(1e-9));
    }
}

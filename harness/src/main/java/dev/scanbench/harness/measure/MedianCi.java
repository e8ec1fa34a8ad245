package dev.scanbench.harness.measure;

import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * A distribution-free confidence interval for the median, from order statistics. Each sample falls below the
 * true median with probability 1/2, so the number B that do is Binomial(n, 1/2), and the interval between the
 * l-th and the (n+1-l)-th smallest samples covers the median with probability 1 - 2 P(B &le; l-1). The rank l
 * is the largest for which that coverage still reaches the requested confidence. Nothing is assumed of the
 * shape of the times, which is right for kernel timings: skewed, with a long right tail.
 *
 * @param median   the sample median (the mean of the two middle samples when n is even)
 * @param low      the lower end: the {@code lowRank}-th smallest sample
 * @param high     the upper end: the {@code highRank}-th smallest sample
 * @param lowRank  1-based rank of {@code low}
 * @param highRank 1-based rank of {@code high}, equal to {@code n + 1 - lowRank}
 * @param coverage the exact coverage of [low, high]; below the requested confidence only when n is too small
 *                 for any interval to reach it (fewer than 8 samples at 99%), in which case [min, max] is given
 */
public record MedianCi(double median, double low, double high, int lowRank, int highRank, double coverage) {

    /**
     * @param sorted     the times, ascending, at least one
     * @param confidence the requested coverage, in (0, 1)
     * @throws IllegalArgumentException when there are no times or the confidence is outside (0, 1)
     */
    public static MedianCi of(double[] sorted, double confidence) {
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("the median of no samples has no confidence interval");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), got " + confidence);
        }
        BinomialDistribution below = BinomialDistribution.of(n, 0.5);
        double tail = (1 - confidence) / 2;
        // k is the smallest count with P(B <= k) >= tail; l - 1 may be k itself only when that tail is exactly met.
        int k = below.inverseCumulativeProbability(tail);
        int lowRank = below.cumulativeProbability(k) <= tail ? k + 1 : k;
        lowRank = Math.max(1, lowRank);
        int highRank = n + 1 - lowRank;
        double coverage = 1 - 2 * below.cumulativeProbability(lowRank - 1);
        double median = Median.withDefaults().withCopy(true).evaluate(sorted);
        return new MedianCi(median, sorted[lowRank - 1], sorted[highRank - 1], lowRank, highRank, coverage);
    }

    /** @return half the width of the interval, {@code (high - low) / 2} */
    public double halfWidth() {
        return (high - low) / 2;
    }

    /** @return the half-width relative to the median; 0 for a zero-width interval, infinite around a zero median */
    public double relativeHalfWidth() {
        double half = halfWidth();
        if (half == 0) {
            return 0;
        }
        return median == 0 ? Double.POSITIVE_INFINITY : half / median;
    }
}

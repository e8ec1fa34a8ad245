package dev.scanbench.report.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The null distribution of the Mann-Whitney U statistic, as far as the Hodges-Lehmann interval needs it: the rank
 * C such that the C-th smallest and C-th largest pairwise differences bound the shift with the asked confidence.
 * Exact (U's distribution counted by recurrence) while m x n is small and there are no ties; otherwise the normal
 * approximation, with the variance corrected for ties.
 */
final class RankSumLaw {
    /** Up to this m x n the exact law is computed: O(m n x m n) work, at most 8 MB. */
    static final long EXACT_LIMIT = 10_000;

    private RankSumLaw() {
    }

    /**
     * @param m          first sample size
     * @param n          second sample size
     * @param confidence two-sided coverage, e.g. 0.99
     * @param tieTerm    sum over tie groups of (t^3 - t) in the pooled sample (0 without ties)
     * @return C, at least 0; 0 means no interval at this confidence (too few samples)
     */
    static long lowerRank(int m, int n, double confidence, double tieTerm) {
        double alpha = 1 - confidence;
        long mn = (long) m * n;
        if (tieTerm == 0 && mn <= EXACT_LIMIT) {
            return exactLowerRank(m, n, alpha);
        }
        int total = m + n;
        double variance = mn / 12.0 * ((total + 1) - tieTerm / ((double) total * (total - 1)));
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - alpha / 2);
        // Hollander and Wolfe: C = mn/2 - z sqrt(var), to the nearest integer.
        long c = Math.round(mn / 2.0 - z * Math.sqrt(variance));
        return Math.max(0, c);
    }

    /** The largest C with P(U <= C - 1) <= alpha / 2. */
    private static long exactLowerRank(int m, int n, double alpha) {
        double[] counts = counts(m, n);
        double all = 0;
        for (double c : counts) {
            all += c;
        }
        double cumulative = 0;
        long c = 0;
        // P(U <= c) for c = 0, 1, ...; C - 1 is the last c whose lower tail stays within alpha / 2.
        while (c < counts.length && (cumulative + counts[(int) c]) / all <= alpha / 2) {
            cumulative += counts[(int) c];
            c++;
        }
        return c;
    }

    /**
     * counts[u] = number of orderings of m x's and n y's with U = u, by the recurrence c(i, j)[u] = c(i-1, j)[u-j]
     * + c(i, j-1)[u] (the largest element is an x above all j y's, or a y). Only additions of positive counts, so
     * no precision is lost to cancellation; O(min(m, n) x m n) memory.
     */
    static double[] counts(int m, int n) {
        // U's law is the same with the samples' roles swapped: keep the inner dimension the smaller one.
        int rows = Math.max(m, n);
        int cols = Math.min(m, n);
        double[][] previous = new double[cols + 1][];
        for (int j = 0; j <= cols; j++) {
            previous[j] = new double[] {1};
        }
        for (int i = 1; i <= rows; i++) {
            double[][] current = new double[cols + 1][];
            current[0] = new double[] {1};
            for (int j = 1; j <= cols; j++) {
                double[] c = new double[i * j + 1];
                double[] up = previous[j];
                double[] left = current[j - 1];
                for (int u = 0; u < c.length; u++) {
                    double fromUp = u >= j && u - j < up.length ? up[u - j] : 0;
                    double fromLeft = u < left.length ? left[u] : 0;
                    c[u] = fromUp + fromLeft;
                }
                current[j] = c;
            }
            previous = current;
        }
        return previous[cols];
    }
}

package dev.scanbench.report.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The null distribution of the Mann-Whitney U statistic, as far as the Hodges-Lehmann interval needs it: the rank
 * C such that the C-th smallest and C-th largest pairwise differences bound the shift with the asked confidence.
 * Exact (the U counts are the coefficients of the Gaussian binomial [m+n choose m]_q) while m x n is small and
 * there are no ties; otherwise the normal approximation, with the variance corrected for ties.
 */
final class RankSumLaw {
    /** Up to this m x n the exact law is computed: O(m x m n) work, counts within a double's range. */
    static final long EXACT_LIMIT = 100_000;

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
        long c = (long) Math.floor(mn / 2.0 - z * Math.sqrt(variance));
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

    /** counts[u] = number of orderings of m x's and n y's with U = u: coefficients of prod (1-q^(n+i))/(1-q^i). */
    static double[] counts(int m, int n) {
        int max = m * n;
        double[] p = new double[max + 1];
        p[0] = 1;
        int degree = 0;
        for (int i = 1; i <= m; i++) {
            // Multiply by (1 - q^(n+i)) ...
            int shift = n + i;
            int top = Math.min(max, degree + shift);
            for (int k = top; k >= shift; k--) {
                p[k] -= p[k - shift];
            }
            // ... then divide by (1 - q^i): b[k] = a[k] + b[k - i]. The division is exact, so running it up to the
            // product's degree leaves zeros above the quotient's; terms above m n never reach lower ones.
            for (int k = i; k <= top; k++) {
                p[k] += p[k - i];
            }
            degree += n;
        }
        return p;
    }
}

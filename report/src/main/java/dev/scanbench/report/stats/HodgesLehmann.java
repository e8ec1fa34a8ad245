package dev.scanbench.report.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The Hodges-Lehmann two-sample shift estimator and its confidence interval (Hollander and Wolfe, ch. 4). */
public final class HodgesLehmann {
    private HodgesLehmann() {
    }

    /**
     * @param a          the reference sample (at least one value, all finite)
     * @param b          the compared sample
     * @param confidence the interval's coverage, in (0, 1)
     * @return the shift of {@code b} from {@code a}: positive when b's values are larger
     */
    public static ShiftEstimate shift(double[] a, double[] b, double confidence) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        PairwiseDifferences d = new PairwiseDifferences(a, b);
        long count = d.count();
        double median = count % 2 == 1 ? d.kth(count / 2 + 1)
                : (d.kth(count / 2) + d.kth(count / 2 + 1)) / 2;
        double ties = tieTerm(a, b);
        long c = RankSumLaw.lowerRank(a.length, b.length, confidence, ties);
        boolean exact = ties == 0 && count <= RankSumLaw.EXACT_LIMIT;
        if (c < 1) {
            return new ShiftEstimate(median, Double.NaN, Double.NaN, confidence, exact);
        }
        return new ShiftEstimate(median, d.kth(c), d.kth(count - c + 1), confidence, exact);
    }

    /** Sum over groups of equal values in the pooled sample of (t^3 - t): the tie correction of U's variance. */
    static double tieTerm(double[] a, double[] b) {
        double[] pooled = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        Map<Double, Integer> groups = new HashMap<>();
        for (double x : pooled) {
            groups.merge(x, 1, Integer::sum);
        }
        double term = 0;
        for (int t : groups.values()) {
            term += (double) t * t * t - t;
        }
        return term;
    }
}

package dev.scanbench.report.stats;

import java.util.Arrays;

/**
 * Order statistics of the m x n differences {@code b[j] - a[i]} without materialising them (10,000 samples a side
 * would be 10^8 doubles): the k-th smallest is found by bisection over the doubles' ordering, counting the
 * differences at or below a candidate with one merge-like pass. The count uses the very subtraction the answer is
 * made of, so the result is exactly one of the differences.
 */
final class PairwiseDifferences {
    private final double[] a;
    private final double[] b;

    /** @param a the first sample, @param b the second; both non-empty, finite */
    PairwiseDifferences(double[] a, double[] b) {
        this.a = a.clone();
        this.b = b.clone();
        Arrays.sort(this.a);
        Arrays.sort(this.b);
    }

    /** @return how many differences there are */
    long count() {
        return (long) a.length * b.length;
    }

    /**
     * @param k 1-based rank, 1 to {@link #count()}
     * @return the k-th smallest difference {@code b[j] - a[i]}
     */
    double kth(long k) {
        if (k < 1 || k > count()) {
            throw new IllegalArgumentException("rank " + k + " outside 1.." + count());
        }
        long lo = order(b[0] - a[a.length - 1]);
        long hi = order(b[b.length - 1] - a[0]);
        // Smallest t (in double order) with atMost(t) >= k; atMost(hi) = count() >= k always.
        while (lo < hi) {
            // Unsigned halving: the span from a large negative to a large positive double overflows a long.
            long mid = lo + ((hi - lo) >>> 1);
            if (atMost(value(mid)) >= k) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return value(lo);
    }

    /** How many differences are <= t. For ascending b[j], the a[i] with b[j] - a[i] <= t are a suffix of a. */
    long atMost(double t) {
        long total = 0;
        int p = 0;
        for (double bj : b) {
            while (p < a.length && bj - a[p] > t) {
                p++;
            }
            total += a.length - p;
        }
        return total;
    }

    /** Maps a double to a long with the same order (negative zero below positive zero), and back. */
    private static long order(double x) {
        long bits = Double.doubleToLongBits(x);
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    private static double value(long order) {
        return Double.longBitsToDouble(order < 0 ? Long.MIN_VALUE - order : order);
    }
}

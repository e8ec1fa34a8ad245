package dev.scanbench.report.stats;

import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Median;

/**
 * A sample's relative noise, robustly: 1.4826 x the median absolute deviation over the median (a standard
 * deviation's worth for normal data, unmoved by one disturbed sample). nvbench uses the relative standard
 * deviation; a single throttled sample should not decide whether two kernels are the same.
 */
public final class RobustNoise {
    /** Scales the MAD to a standard deviation for normal data. */
    static final double MAD_TO_SD = 1.4826;

    private RobustNoise() {
    }

    /** @return the relative noise (0 for identical samples), NaN for an empty sample or a zero median */
    public static double relative(double[] samples) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] x = samples.clone();
        double median = Median.withDefaults().evaluate(x);
        double[] deviations = Arrays.stream(x).map(v -> Math.abs(v - median)).toArray();
        double mad = Median.withDefaults().evaluate(deviations);
        return median > 0 ? MAD_TO_SD * mad / median : Double.NaN;
    }
}

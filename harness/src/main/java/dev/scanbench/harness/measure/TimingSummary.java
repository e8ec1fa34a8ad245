package dev.scanbench.harness.measure;

import java.util.List;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.Statistic;

/**
 * The statistics of one measurement, with the raw samples kept so that any of them can be recomputed. Plain
 * values only, so it serialises to JSON as it stands. Times are in milliseconds on {@link #basis()}.
 *
 * @param basis             the clock the statistics are computed from
 * @param samples           every sample, in the order taken, with its flags
 * @param warmupCount       how many warm-up calls preceded the samples
 * @param warmupEnd         why warm-up ended
 * @param stopReason        why sampling ended
 * @param medianMs          the median, the time the score is computed from
 * @param meanMs            the arithmetic mean
 * @param minMs             the fastest sample
 * @param maxMs             the slowest sample
 * @param p5Ms              the 5th percentile (Hyndman-Fan type 8, Commons Statistics' default)
 * @param p95Ms             the 95th percentile (same estimator)
 * @param stdevMs           the sample standard deviation (0 for one sample)
 * @param confidence        the requested coverage of the median's interval
 * @param ciLowMs           the interval's lower end
 * @param ciHighMs          the interval's upper end
 * @param ciCoverage        the interval's exact coverage (below {@code confidence} only with too few samples)
 * @param relativeHalfWidth the interval's half-width over the median
 * @param wallMedianMs      the median of the wall-clock times, whatever the basis, for comparison
 */
public record TimingSummary(TimeBasis basis, List<Sample> samples, int warmupCount, WarmupEnd warmupEnd,
                            StopReason stopReason, double medianMs, double meanMs, double minMs, double maxMs,
                            double p5Ms, double p95Ms, double stdevMs, double confidence, double ciLowMs,
                            double ciHighMs, double ciCoverage, double relativeHalfWidth, double wallMedianMs) {

    /** Copies the sample list, so that the summary is immutable. */
    public TimingSummary {
        samples = List.copyOf(samples);
    }

    /**
     * Computes the statistics of a sample set.
     *
     * @param set         the samples, at least one
     * @param warmupCount warm-up calls made before them
     * @param warmupEnd   why warm-up ended
     * @param stopReason  why sampling ended
     * @param confidence  coverage of the median's interval, in (0, 1)
     * @throws IllegalArgumentException when the set is empty
     */
    public static TimingSummary of(SampleSet set, int warmupCount, WarmupEnd warmupEnd, StopReason stopReason,
                                   double confidence) {
        double[] sorted = set.sortedTimes();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("a measurement without samples has no summary");
        }
        DoubleStatistics moments = DoubleStatistics.of(
                Statistic.MIN, Statistic.MAX, Statistic.MEAN, Statistic.STANDARD_DEVIATION);
        for (double t : sorted) {
            moments.accept(t);
        }
        double[] tails = Quantile.withDefaults().evaluate(sorted, 0.05, 0.95);
        MedianCi ci = MedianCi.of(sorted, confidence);
        double[] walls = set.samples().stream().mapToDouble(Sample::wallMs).toArray();
        return new TimingSummary(set.basis(), set.samples(), warmupCount, warmupEnd, stopReason, ci.median(),
                moments.getAsDouble(Statistic.MEAN), moments.getAsDouble(Statistic.MIN),
                moments.getAsDouble(Statistic.MAX), tails[0], tails[1],
                moments.getAsDouble(Statistic.STANDARD_DEVIATION), confidence, ci.low(), ci.high(), ci.coverage(),
                ci.relativeHalfWidth(), Median.withDefaults().evaluate(walls));
    }
}

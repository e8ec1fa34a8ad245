package dev.scanbench.harness.measure;

import dev.scanbench.harness.Defaults;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The default stopping rule: stop once the median is known precisely enough, by a distribution-free
 * confidence interval ({@link MedianCi}), or when the time budget or the sample cap runs out. The median
 * rather than the mean because kernel timings have a long right tail (preemptions, clock dips) that moves the
 * mean and the standard error but not the median.
 */
public final class MedianCiRule implements StoppingRule {
    private final int minSamples;
    private final int maxSamples;
    private final double confidence;
    private final double maxRelativeHalfWidth;
    private final long budgetNanos;

    /**
     * @param minSamples           fewest samples before precision may stop the measurement
     * @param maxSamples           most samples
     * @param confidence           coverage of the median's interval, in (0, 1)
     * @param maxRelativeHalfWidth target half-width of that interval relative to the median
     * @param budgetMillis         wall-clock budget of the sampling phase
     * @throws IllegalArgumentException when a bound is out of range
     */
    public MedianCiRule(int minSamples, int maxSamples, double confidence, double maxRelativeHalfWidth,
                        long budgetMillis) {
        if (minSamples < 1 || maxSamples < minSamples) {
            throw new IllegalArgumentException("need 1 <= minSamples <= maxSamples, got " + minSamples + ", " + maxSamples);
        }
        if (!(confidence > 0 && confidence < 1) || !(maxRelativeHalfWidth > 0) || budgetMillis <= 0) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), the half-width and budget be positive; got "
                    + confidence + ", " + maxRelativeHalfWidth + ", " + budgetMillis + " ms");
        }
        this.minSamples = minSamples;
        this.maxSamples = maxSamples;
        this.confidence = confidence;
        this.maxRelativeHalfWidth = maxRelativeHalfWidth;
        this.budgetNanos = TimeUnit.MILLISECONDS.toNanos(budgetMillis);
    }

    /** The rule with the workbench's defaults: 10 samples at least, 99% interval within 1%, 10 s, 10,000 samples. */
    public static MedianCiRule defaults() {
        return new MedianCiRule(Defaults.MEASURE_MIN_SAMPLES, Defaults.MEASURE_MAX_SAMPLES,
                Defaults.MEASURE_CONFIDENCE, Defaults.MEASURE_MAX_RELATIVE_HALF_WIDTH, Defaults.MEASURE_TIME_BUDGET_MS);
    }

    /** @return the coverage this rule's intervals are computed at */
    public double confidence() {
        return confidence;
    }

    @Override
    public Optional<StopReason> check(SampleSet samples, long elapsedNanos) {
        if (samples.size() >= minSamples
                && MedianCi.of(samples.sortedTimes(), confidence).relativeHalfWidth() < maxRelativeHalfWidth) {
            return Optional.of(StopReason.PRECISE);
        }
        if (elapsedNanos >= budgetNanos) {
            return Optional.of(StopReason.TIME_BUDGET);
        }
        if (samples.size() >= maxSamples) {
            return Optional.of(StopReason.SAMPLE_LIMIT);
        }
        return Optional.empty();
    }
}

package dev.scanbench.report.stats;

/**
 * The Hodges-Lehmann estimate of how far the second sample is shifted from the first ({@code b - a}): the median of
 * all pairwise differences, with the distribution-free interval from the Mann-Whitney law.
 *
 * @param estimate   the shift, in the samples' unit
 * @param low        the interval's low end, or NaN when the samples are too few for this confidence
 * @param high       its high end, or NaN likewise
 * @param confidence the interval's nominal coverage
 * @param exact      whether the interval's ranks come from the exact law (no ties, small samples) or the normal
 *                   approximation
 */
public record ShiftEstimate(double estimate, double low, double high, double confidence, boolean exact) {

    /** @return true when the samples were enough for an interval */
    public boolean bounded() {
        return !Double.isNaN(low);
    }
}

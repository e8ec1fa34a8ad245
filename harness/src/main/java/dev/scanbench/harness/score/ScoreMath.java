package dev.scanbench.harness.score;

/**
 * RE-Bench's scoring convention: the score of a run is ln(time in ms), lower is better, and the normalised
 * score maps the starting solution to 0 and the task's reference solution to 1 on that log scale
 * (DESIGN.md §1, FIGURES.md).
 */
public final class ScoreMath {

    private static final double LN_START = Math.log(PublishedTimes.START_MS);
    private static final double LN_REFERENCE = Math.log(PublishedTimes.REFERENCE_MS);

    private ScoreMath() {
    }

    /**
     * The raw RE-Bench score of a time.
     *
     * @param ms a measured time in milliseconds, finite and positive
     * @return ln(ms)
     * @throws IllegalArgumentException if {@code ms} is not a finite positive number
     */
    public static double score(double ms) {
        return Math.log(requireTime(ms));
    }

    /**
     * The normalised score {@code (ln START - ln t) / (ln START - ln REFERENCE)}: 0 for the starting
     * solution, 1 for the reference, higher is better (1.80 for the best human, 1.84 for the best agent).
     *
     * @param ms a measured time in milliseconds, finite and positive
     * @return the normalised score
     * @throws IllegalArgumentException if {@code ms} is not a finite positive number
     */
    public static double normalised(double ms) {
        return (LN_START - score(ms)) / (LN_START - LN_REFERENCE);
    }

    /**
     * The normalised score on another scale: {@code (ln start - ln t) / (ln start - ln reference)}, e.g. the
     * starting solution's and the reference's times measured on this device instead of RE-Bench's.
     *
     * @throws IllegalArgumentException if a time is not a finite positive number, or start equals reference
     */
    public static double normalised(double ms, double startMs, double referenceMs) {
        double lnStart = score(startMs);
        double lnReference = score(referenceMs);
        if (lnStart == lnReference) {
            throw new IllegalArgumentException("start and reference take the same time, " + startMs + " ms");
        }
        return (lnStart - score(ms)) / (lnStart - lnReference);
    }

    /**
     * Places a time against the best published human and agent times.
     *
     * @param ms a measured time in milliseconds, finite and positive
     * @return the speed-up ratios and their phrases
     * @throws IllegalArgumentException if {@code ms} is not a finite positive number
     */
    public static Standing standing(double ms) {
        requireTime(ms);
        return new Standing(ms, PublishedTimes.BEST_HUMAN_MS / ms, PublishedTimes.BEST_AGENT_MS / ms);
    }

    static double requireTime(double ms) {
        // NaN fails every comparison, so the positive test rejects it along with zero and negatives.
        if (!(ms > 0) || Double.isInfinite(ms)) {
            throw new IllegalArgumentException("time must be a finite positive number of milliseconds, got " + ms);
        }
        return ms;
    }
}

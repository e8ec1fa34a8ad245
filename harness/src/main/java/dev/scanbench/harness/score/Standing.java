package dev.scanbench.harness.score;

import java.util.Locale;

/**
 * Where a time stands against the best published results. A speed-up above 1 means the time is faster than
 * that result: {@code speedupVsBestHuman = BEST_HUMAN_MS / ms}.
 *
 * @param ms                 the time placed, in milliseconds
 * @param speedupVsBestHuman {@link PublishedTimes#BEST_HUMAN_MS} divided by {@code ms}
 * @param speedupVsBestAgent {@link PublishedTimes#BEST_AGENT_MS} divided by {@code ms}
 */
public record Standing(double ms, double speedupVsBestHuman, double speedupVsBestAgent) {

    /** Ratios that round to 1.00 at two decimals are reported as "on par" rather than "1.00x faster". */
    private static final double PAR_TOLERANCE = 0.005;

    /** @return e.g. {@code "1.52x faster than the best human (0.667 ms)"} */
    public String versusBestHuman() {
        return phrase(speedupVsBestHuman, "the best human", PublishedTimes.BEST_HUMAN_MS);
    }

    /** @return e.g. {@code "1.20x slower than the best agent (0.64 ms)"} */
    public String versusBestAgent() {
        return phrase(speedupVsBestAgent, "the best agent", PublishedTimes.BEST_AGENT_MS);
    }

    /** @return both phrases joined, for a one-line report */
    public String summary() {
        return versusBestHuman() + ", " + versusBestAgent();
    }

    private static String phrase(double speedup, String who, double theirMs) {
        String reference = String.format(Locale.ROOT, "%s (%s ms)", who, trim(theirMs));
        if (Math.abs(speedup - 1) < PAR_TOLERANCE) {
            return "on par with " + reference;
        }
        if (speedup > 1) {
            return String.format(Locale.ROOT, "%.2fx faster than %s", speedup, reference);
        }
        return String.format(Locale.ROOT, "%.2fx slower than %s", 1 / speedup, reference);
    }

    private static String trim(double ms) {
        // 0.64 rather than 0.640: quote the figure as it was published.
        return java.math.BigDecimal.valueOf(ms).stripTrailingZeros().toPlainString();
    }
}

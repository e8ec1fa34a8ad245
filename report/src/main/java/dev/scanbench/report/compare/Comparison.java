package dev.scanbench.report.compare;

import dev.scanbench.report.entry.ScoreEntry;
import dev.scanbench.report.entry.Work;
import dev.scanbench.report.stats.ShiftEstimate;

/**
 * Two entries compared, B against A. Exactly one of three kinds: refused (with the reason), timed (with a
 * {@link Decision} from the raw samples), or counted work (two emulator entries: ratios, no speed verdict).
 *
 * @param a          the reference entry
 * @param b          the compared entry
 * @param kind       what kind of comparison this is
 * @param refusal    why the two cannot be compared (REFUSED only)
 * @param decision   the verdict (TIMED only)
 * @param reason     the verdict's reason in one sentence (TIMED), or what the work comparison means (WORK)
 * @param shift      the Hodges-Lehmann shift of B's samples from A's, in ms (TIMED, when both kept samples)
 * @param pValue     the two-sided Mann-Whitney p-value (TIMED, when both kept samples)
 * @param ties       whether the pooled samples have tied values (then the p-value and interval are approximate)
 * @param noiseA     A's robust relative noise (1.4826 MAD / median)
 * @param noiseB     B's robust relative noise
 * @param threshold  the noise threshold the decision used, relative to A's median
 * @param thresholdRule how the threshold was chosen, in words
 */
public record Comparison(ScoreEntry a, ScoreEntry b, Kind kind, String refusal, Decision decision, String reason,
                         ShiftEstimate shift, Double pValue, boolean ties, Double noiseA, Double noiseB,
                         Double threshold, String thresholdRule) {

    /** The three kinds of comparison. */
    public enum Kind {
        /** The entries cannot be compared: different devices, sizes, bases, or a failed run. */
        REFUSED,
        /** Two timed entries on one device: a decision from their samples. */
        TIMED,
        /** Two emulator entries: their counted work side by side. */
        WORK
    }

    static Comparison refused(ScoreEntry a, ScoreEntry b, String why) {
        return new Comparison(a, b, Kind.REFUSED, why, null, null, null, null, false, null, null, null, null);
    }

    /** @return the shift relative to A's median time, or NaN when there is none */
    public double relativeShift() {
        return shift == null ? Double.NaN : shift.estimate() / a.timing().medianMs();
    }

    /** @return the interval's low end relative to A's median (NaN when unbounded) */
    public double relativeLow() {
        return shift == null ? Double.NaN : shift.low() / a.timing().medianMs();
    }

    /** @return the interval's high end relative to A's median (NaN when unbounded) */
    public double relativeHigh() {
        return shift == null ? Double.NaN : shift.high() / a.timing().medianMs();
    }

    /** @return B's traffic per element over A's (WORK only) */
    public double trafficRatio() {
        return ratio(a.work(), b.work(), true);
    }

    /** @return B's warp instructions over A's (WORK only) */
    public double instructionRatio() {
        return ratio(a.work(), b.work(), false);
    }

    private static double ratio(Work a, Work b, boolean traffic) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        return traffic ? b.bytesPerElement() / a.bytesPerElement()
                : (double) b.warpInstructions() / a.warpInstructions();
    }

    /** @return the comparison in one sentence, e.g. "B is FASTER than A: -3.10% (99% CI -3.4% .. -2.8%)" */
    public String statement() {
        String names = "B " + b.describe() + " vs A " + a.describe();
        return switch (kind) {
            case REFUSED -> "not compared (" + names + "): " + refusal;
            case WORK -> String.format(java.util.Locale.ROOT, "%s: B moves %.3f bytes/element against A's %.3f"
                    + " (x%.3f) and runs x%.3f the warp instructions; %s", names, b.work().bytesPerElement(),
                    a.work().bytesPerElement(), trafficRatio(), instructionRatio(), reason);
            case TIMED -> shift == null || !shift.bounded()
                    ? names + ": " + decision + " (" + reason + ")"
                    : String.format(java.util.Locale.ROOT, "%s: %s, shift %+.2f%% of A's median (%.0f%% CI %+.2f%%"
                            + " .. %+.2f%%), Mann-Whitney p = %.3g, noise threshold %.2f%%: %s", names, decision,
                            100 * relativeShift(), 100 * shift.confidence(), 100 * relativeLow(),
                            100 * relativeHigh(), pValue, 100 * threshold, reason);
        };
    }
}

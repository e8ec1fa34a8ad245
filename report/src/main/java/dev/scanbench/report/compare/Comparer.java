package dev.scanbench.report.compare;

import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntry;
import dev.scanbench.report.entry.Timing;
import dev.scanbench.report.stats.HodgesLehmann;
import dev.scanbench.report.stats.RobustNoise;
import dev.scanbench.report.stats.ShiftEstimate;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Compares two entries, B against A, as nvbench's compare tool does (FAST/SLOW/SAME from the difference against the
 * noise), made distribution-free and significance-aware: the Hodges-Lehmann shift of B's raw samples from A's, its
 * confidence interval from the Mann-Whitney law, and the Mann-Whitney test's p-value.
 *
 * <ul>
 *   <li>SAME: the whole interval of the relative shift lies within +-threshold;</li>
 *   <li>FASTER (SLOWER): the shift is beyond -threshold (+threshold), the interval excludes zero, and p < 1 -
 *       confidence;</li>
 *   <li>UNCERTAIN: anything else, with the reason (too few samples, not significant, straddling the threshold,
 *       samples not kept by an older entry).</li>
 * </ul>
 * The noise threshold is the larger of the two entries' robust relative noise (nvbench compares the difference with
 * the runs' relative standard deviation) and {@link #MIN_THRESHOLD}, unless set explicitly.
 *
 * <p>Refused, never decided: a failed run; a time against the emulator's counted work (whose H100 figure is a model);
 * a GPU time against a simulated one; different devices, problem sizes, protocols or cache modes.
 */
public final class Comparer {
    /** The interval's coverage and one minus the test's level: the measurement's own 99%. */
    public static final double DEFAULT_CONFIDENCE = 0.99;
    /** The smallest noise threshold: 0.5%, nvbench's default gap for calling two timings different. */
    public static final double MIN_THRESHOLD = 0.005;

    private final double confidence;
    private final Double threshold;

    /**
     * @param confidence the interval's coverage, in (0, 1)
     * @param threshold  a fixed relative noise threshold, or null for the entries' own noise (at least 0.5%)
     */
    public Comparer(double confidence, Double threshold) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        if (threshold != null && !(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("the threshold must be in [0, 1), got " + threshold);
        }
        this.confidence = confidence;
        this.threshold = threshold;
    }

    /** With the defaults: 99%, the entries' own noise. */
    public static Comparer defaults() {
        return new Comparer(DEFAULT_CONFIDENCE, null);
    }

    /** @return B compared against A */
    public Comparison compare(ScoreEntry a, ScoreEntry b) {
        String refusal = refusal(a, b);
        if (refusal != null) {
            return Comparison.refused(a, b, refusal);
        }
        if (a.basis() == Basis.EMULATOR) {
            return new Comparison(a, b, Comparison.Kind.WORK, null, null, "counted work on the emulator, not a"
                    + " time: no speed verdict", null, null, false, null, null, null, null);
        }
        return timed(a, b);
    }

    private Comparison timed(ScoreEntry a, ScoreEntry b) {
        Timing ta = a.timing();
        Timing tb = b.timing();
        if (!ta.hasSamples() || !tb.hasSamples()) {
            ScoreEntry old = ta.hasSamples() ? b : a;
            return new Comparison(a, b, Comparison.Kind.TIMED, null, Decision.UNCERTAIN, "entry #" + old.seq()
                    + " was logged before raw samples were kept: only its summary is known, rescore it to compare",
                    null, null, false, null, null, null, null);
        }
        double[] xa = ta.samples();
        double[] xb = tb.samples();
        double noiseA = RobustNoise.relative(xa);
        double noiseB = RobustNoise.relative(xb);
        double tau;
        String rule;
        if (threshold != null) {
            tau = threshold;
            rule = "set: " + percent(threshold);
        } else {
            tau = Math.max(MIN_THRESHOLD, Math.max(noiseA, noiseB));
            rule = "the larger robust noise (1.4826 MAD / median) of A (" + percent(noiseA) + ") and B ("
                    + percent(noiseB) + "), at least " + percent(MIN_THRESHOLD);
        }
        ShiftEstimate shift = HodgesLehmann.shift(xa, xb, confidence);
        MannWhitneyUTest.Result test = MannWhitneyUTest.withDefaults().test(xb, xa);
        double p = test.getPValue();
        double median = ta.medianMs();
        double rel = shift.estimate() / median;
        double lo = shift.low() / median;
        double hi = shift.high() / median;
        Decision decision;
        String reason;
        if (!shift.bounded()) {
            decision = Decision.UNCERTAIN;
            reason = "too few samples (" + xa.length + " and " + xb.length + ") for a " + percent(confidence)
                    + " interval";
        } else if (lo >= -tau && hi <= tau) {
            decision = Decision.SAME;
            reason = "the whole interval lies within the noise threshold";
        } else if (rel < -tau && hi < 0 && p < 1 - confidence) {
            decision = Decision.FASTER;
            reason = "B's samples are lower by more than the noise threshold, significantly";
        } else if (rel > tau && lo > 0 && p < 1 - confidence) {
            decision = Decision.SLOWER;
            reason = "B's samples are higher by more than the noise threshold, significantly";
        } else {
            decision = Decision.UNCERTAIN;
            reason = Math.abs(rel) <= tau ? "the shift is within the noise threshold but its interval reaches beyond it"
                    : "the shift exceeds the noise threshold but is not significant at " + percent(confidence);
        }
        return new Comparison(a, b, Comparison.Kind.TIMED, null, decision, reason, shift, p, test.hasTiedValues(),
                noiseA, noiseB, tau, rule);
    }

    /** @return why the two must not be compared, or null when they may */
    static String refusal(ScoreEntry a, ScoreEntry b) {
        for (ScoreEntry e : new ScoreEntry[] {a, b}) {
            if (!e.ok()) {
                return "entry #" + e.seq() + " is " + e.status() + ": a failed run has no result to compare";
            }
        }
        if (a.basis() != b.basis()) {
            if (a.basis() == Basis.EMULATOR || b.basis() == Basis.EMULATOR) {
                return "a time is never compared with the emulator's counted work (the emulator has no clock; its"
                        + " H100 figure is a model, not a time)";
            }
            ScoreEntry simulated = a.basis() == Basis.SIMULATED ? a : b;
            return "entry #" + simulated.seq() + " is simulated, not a GPU time: simulated and GPU times are never"
                    + " compared";
        }
        if (!Objects.equals(a.deviceKey(), b.deviceKey())) {
            return "different devices: A ran on " + a.deviceKey() + ", B on " + b.deviceKey()
                    + " (times only compare on one device)";
        }
        if (a.n() != b.n()) {
            return "different problem sizes: n = " + a.n() + " and n = " + b.n();
        }
        if (a.basis().timed()) {
            if (a.timing() == null || b.timing() == null) {
                return "entry #" + (a.timing() == null ? a : b).seq() + " has no measurement";
            }
            if (!Objects.equals(a.timing().protocol(), b.timing().protocol())) {
                return "different protocols: " + a.timing().protocol() + " and " + b.timing().protocol();
            }
            if (!Objects.equals(a.timing().mode(), b.timing().mode())) {
                return "different cache modes: " + a.timing().mode() + " and " + b.timing().mode();
            }
        } else if (a.work() == null || b.work() == null) {
            return "entry #" + (a.work() == null ? a : b).seq() + " has no counted work";
        }
        return null;
    }

    private static String percent(double x) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * x);
    }
}

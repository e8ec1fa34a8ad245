package dev.scanbench.harness.measure;

import dev.scanbench.harness.Defaults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.statistics.descriptive.Median;

/**
 * Judges a measurement's samples from the samples alone: clocks that disagree, times below the physical floor,
 * drift and outliers. Flags each offending sample and names each finding as an {@link Alarm}.
 *
 * <p>Why these checks and thresholds: the wall interval encloses the event interval by construction
 * ({@link TimedRegion}), so wall &lt; event beyond the event resolution means a clock lies; wall exceeding event by
 * more than the host's per-sample and per-launch overhead means the host stalled or time went to work the
 * events did not bracket. Drift compares the medians of the first and last thirds, which a steady device keeps
 * equal and throttling or a competing load does not. Outliers are counted in robust standard deviations
 * (scaled median absolute deviation), which the outliers themselves cannot inflate.
 */
public final class TimingAlarms {
    /** Scales a median absolute deviation to a standard deviation under normal noise. */
    private static final double MAD_TO_SIGMA = 1.4826;

    private final int launchesPerSample;
    private final PhysicalFloor floor;
    private final long n;

    private TimingAlarms(int launchesPerSample, PhysicalFloor floor, long n) {
        this.launchesPerSample = launchesPerSample;
        this.floor = floor;
        this.n = n;
    }

    /**
     * Alarms for a plan with the given number of kernel launches, without a floor check.
     *
     * @throws IllegalArgumentException when {@code launches} is negative
     */
    public static TimingAlarms forPlan(int launches) {
        if (launches < 0) {
            throw new IllegalArgumentException("a plan cannot have " + launches + " launches");
        }
        return new TimingAlarms(launches, null, 0);
    }

    /**
     * @return these alarms plus the floor check for problem size {@code problemSize}
     * @throws IllegalArgumentException when {@code problemSize} is negative
     */
    public TimingAlarms withFloor(PhysicalFloor physicalFloor, long problemSize) {
        if (problemSize < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + problemSize);
        }
        return new TimingAlarms(launchesPerSample, physicalFloor, problemSize);
    }

    /** @return the largest wall-minus-event gap that is launch overhead rather than a stall, in ms */
    public double hostOverheadBudgetMs() {
        return Defaults.HOST_OVERHEAD_BASE_MS + launchesPerSample * Defaults.HOST_OVERHEAD_PER_LAUNCH_MS;
    }

    /**
     * The samples with their flags, and the alarms they raise.
     *
     * @param flagged the samples in order, each with the flags this judgement added
     * @param alarms  one alarm per kind found, in {@link AlarmKind} order
     */
    public record Findings(List<Sample> flagged, List<Alarm> alarms) {
    }

    /** Judges a set of samples; its basis chooses the times drift and outliers are judged on. */
    public Findings judge(SampleSet set) {
        List<Sample> samples = new ArrayList<>(set.samples());
        double budget = hostOverheadBudgetMs();
        double worstBelow = 0;
        double worstGap = 0;
        double fastest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.hasEventTime()) {
                double gap = s.wallMs() - s.eventMs();
                if (-gap > Defaults.EVENT_RESOLUTION_TOLERANCE_MS) {
                    s = s.withFlag(SampleFlag.WALL_BELOW_EVENT);
                    worstBelow = Math.max(worstBelow, -gap);
                } else if (gap > budget) {
                    s = s.withFlag(SampleFlag.HOST_STALL);
                    worstGap = Math.max(worstGap, gap);
                }
            }
            // The faster clock is the one a cheat would need; either below the floor is impossible.
            double t = s.hasEventTime() ? Math.min(s.eventMs(), s.wallMs()) : s.wallMs();
            if (floor != null && floor.impossible(n, t)) {
                s = s.withFlag(SampleFlag.BELOW_FLOOR);
                fastest = Math.min(fastest, t);
            }
            samples.set(i, s);
        }
        double[] times = set.timesInOrder();
        flagOutliers(samples, times, set.basis());
        List<Alarm> alarms = new ArrayList<>();
        int below = count(samples, SampleFlag.WALL_BELOW_EVENT);
        if (below > 0) {
            alarms.add(Alarm.of(AlarmKind.WALL_BELOW_EVENT, format("wall time below event time in %d of %d samples "
                    + "(by up to %.4f ms, tolerance %.4f ms): the clocks disagree, the times cannot be trusted",
                    below, samples.size(), worstBelow, Defaults.EVENT_RESOLUTION_TOLERANCE_MS)));
        }
        int impossible = count(samples, SampleFlag.BELOW_FLOOR);
        if (impossible > 0) {
            alarms.add(Alarm.of(AlarmKind.BELOW_PHYSICAL_FLOOR, format("impossible time, rejected: %d of %d samples "
                    + "below the physical floor for n = %d, fastest %.4f ms; floor %s",
                    impossible, samples.size(), n, fastest, floor.describe(n))));
        }
        int stalls = count(samples, SampleFlag.HOST_STALL);
        if (stalls > 0) {
            alarms.add(Alarm.of(AlarmKind.HOST_STALL, format("wall time exceeds event time by more than %.3f ms "
                    + "(launch overhead for %d launches) in %d of %d samples, by up to %.3f ms: host stalls or work "
                    + "outside the timed events", budget, launchesPerSample, stalls, samples.size(), worstGap)));
        }
        drift(times).ifPresent(alarms::add);
        int outliers = count(samples, SampleFlag.OUTLIER);
        if (outliers > 0) {
            alarms.add(Alarm.of(AlarmKind.OUTLIERS, format("%d of %d samples more than %.0f robust standard deviations "
                    + "above the median: disturbed runs (kept; the median is robust to them)",
                    outliers, samples.size(), Defaults.OUTLIER_ROBUST_SIGMAS)));
        }
        return new Findings(List.copyOf(samples), List.copyOf(alarms));
    }

    /** Alarms about how warm-up and sampling ended, read from a summary. */
    public static List<Alarm> outcome(TimingSummary summary) {
        List<Alarm> alarms = new ArrayList<>();
        if (summary.warmupEnd() == WarmupEnd.BUDGET_SPENT || summary.warmupEnd() == WarmupEnd.CALL_LIMIT) {
            alarms.add(Alarm.of(AlarmKind.UNSTABLE_WARMUP, format("warm-up ended by %s after %d calls before the "
                    + "times settled", summary.warmupEnd(), summary.warmupCount())));
        }
        if (summary.stopReason() == StopReason.TIME_BUDGET || summary.stopReason() == StopReason.SAMPLE_LIMIT) {
            alarms.add(Alarm.of(AlarmKind.IMPRECISE, format("sampling ended by %s after %d samples with the median "
                    + "known to +/-%.2f%% at %.1f%% coverage", summary.stopReason(), summary.samples().size(),
                    100 * summary.relativeHalfWidth(), 100 * summary.ciCoverage())));
        }
        return alarms;
    }

    private Optional<Alarm> drift(double[] times) {
        int third = times.length / 3;
        if (times.length < Defaults.DRIFT_MIN_SAMPLES) {
            return Optional.empty();
        }
        double first = median(Arrays.copyOfRange(times, 0, third));
        double last = median(Arrays.copyOfRange(times, times.length - third, times.length));
        double rise = first == 0 ? 0 : last / first - 1;
        if (rise <= Defaults.DRIFT_THRESHOLD) {
            return Optional.empty();
        }
        return Optional.of(Alarm.of(AlarmKind.DRIFT, format("times rose %.1f%% from the first third "
                + "(median %.4f ms) to the last (median %.4f ms): clock throttling or a competing load",
                100 * rise, first, last)));
    }

    private static void flagOutliers(List<Sample> samples, double[] times, TimeBasis basis) {
        double median = median(times);
        double[] deviations = Arrays.stream(times).map(t -> Math.abs(t - median)).toArray();
        double sigma = Math.max(MAD_TO_SIGMA * median(deviations), Defaults.OUTLIER_MIN_RELATIVE_SPREAD * median);
        double limit = median + Defaults.OUTLIER_ROBUST_SIGMAS * sigma;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).time(basis) > limit) {
                samples.set(i, samples.get(i).withFlag(SampleFlag.OUTLIER));
            }
        }
    }

    private static double median(double[] values) {
        return Median.withDefaults().withCopy(true).evaluate(values);
    }

    private static int count(List<Sample> samples, SampleFlag flag) {
        return (int) samples.stream().filter(s -> s.has(flag)).count();
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}

package dev.scanbench.harness.measure;

import dev.scanbench.harness.Defaults;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.statistics.descriptive.Median;

/**
 * The default warm-up rule: at least a minimum number of calls, then stop once the last few times agree
 * within a spread, or when the budget or the call cap runs out.
 *
 * <p>Why this rule: the effects warm-up exists for (lazy module loading, first touch of allocations, GPU clocks
 * ramping up from idle, the JIT compiling the host loop) all make early calls slower and then fade, so times
 * that stop changing are the sign they are gone. Agreement of a window, rather than one pair, keeps a single
 * lucky repeat from ending warm-up during the ramp; a spread wider than the final precision target keeps
 * ordinary noise from prolonging it; the budget bounds a kernel whose times never settle, which the samples
 * and their interval then report honestly.
 */
public final class StableWarmup implements WarmupRule {
    private final int minCalls;
    private final int window;
    private final double maxSpread;
    private final long budgetNanos;
    private final int maxCalls;

    /**
     * @param minCalls     fewest warm-up calls
     * @param window       how many of the latest times must agree
     * @param maxSpread    largest (max - min) / median of the window that counts as agreeing
     * @param budgetMillis wall-clock budget of warm-up
     * @param maxCalls     most warm-up calls
     * @throws IllegalArgumentException when a bound is out of range
     */
    public StableWarmup(int minCalls, int window, double maxSpread, long budgetMillis, int maxCalls) {
        if (minCalls < 0 || window < 2 || !(maxSpread >= 0) || budgetMillis <= 0 || maxCalls < Math.max(1, minCalls)) {
            throw new IllegalArgumentException("bad warm-up bounds: minCalls " + minCalls + ", window " + window
                    + ", spread " + maxSpread + ", budget " + budgetMillis + " ms, maxCalls " + maxCalls);
        }
        this.minCalls = minCalls;
        this.window = window;
        this.maxSpread = maxSpread;
        this.budgetNanos = TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        this.maxCalls = maxCalls;
    }

    /** The rule with the workbench's defaults: at least 4 calls, last 5 within 5%, 2 s, 1,000 calls. */
    public static StableWarmup defaults() {
        return new StableWarmup(Defaults.WARMUP_MIN_CALLS, Defaults.WARMUP_WINDOW, Defaults.WARMUP_STABLE_SPREAD,
                Defaults.WARMUP_BUDGET_MS, Defaults.WARMUP_MAX_CALLS);
    }

    @Override
    public Optional<WarmupEnd> check(double[] times, long elapsedNanos) {
        int n = times.length;
        if (n >= minCalls && n >= window && spread(Arrays.copyOfRange(times, n - window, n)) <= maxSpread) {
            return Optional.of(WarmupEnd.STABLE);
        }
        if (elapsedNanos >= budgetNanos) {
            return Optional.of(WarmupEnd.BUDGET_SPENT);
        }
        if (n >= maxCalls) {
            return Optional.of(WarmupEnd.CALL_LIMIT);
        }
        return Optional.empty();
    }

    /** (max - min) / median of the window; a zero-time window is stable when all its times are zero. */
    static double spread(double[] window) {
        Arrays.sort(window);
        double range = window[window.length - 1] - window[0];
        double median = Median.withDefaults().evaluate(window);
        if (range == 0) {
            return 0;
        }
        return median == 0 ? Double.POSITIVE_INFINITY : range / median;
    }
}

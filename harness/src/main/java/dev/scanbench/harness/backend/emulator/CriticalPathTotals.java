package dev.scanbench.harness.backend.emulator;

import dev.scanbench.emulator.CriticalPathCounts;

/**
 * The critical-path measurement of a run, summed over its measured launches. Launches run one after another, so
 * their chains and their busiest SMs add up; look-back depth is summed per CTA (for the mean) and maximised.
 *
 * @param launches              launches that measured their critical path
 * @param chainHops             dependent cross-CTA hops, summed over the launches
 * @param steadyChainHops       the chains at each launch's steady rate per CTA, summed (see {@link
 *                              CriticalPathCounts#steadyChainHops()})
 * @param ctas                  CTAs measured
 * @param lookbackSum           over the CTAs, how many other CTAs each one observed
 * @param lookbackMax           the deepest look-back of one CTA
 * @param spinPolls             loads that re-read an unchanged value (polls without progress)
 * @param busiestSmInstructions warp instructions of each launch's busiest SM, summed over the launches
 * @param smInstructions        warp instructions of all SMs of all launches
 * @param sms                   SMs the CTAs were placed on (0 before the first launch)
 */
public record CriticalPathTotals(long launches, long chainHops, double steadyChainHops, long ctas, long lookbackSum,
                                 long lookbackMax, long spinPolls, long busiestSmInstructions, long smInstructions, int sms) {

    /** Nothing measured. */
    public static final CriticalPathTotals NONE = new CriticalPathTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** These totals plus one launch's counts (none when the launch did not measure them). */
    public CriticalPathTotals plus(CriticalPathCounts c) {
        if (c == null) {
            return this;
        }
        return new CriticalPathTotals(launches + 1, chainHops + c.chainHops(),
                steadyChainHops + c.steadyChainHops(), ctas + c.ctas(),
                lookbackSum + c.lookbackSum(), Math.max(lookbackMax, c.lookbackMax()), spinPolls + c.spinPolls(),
                busiestSmInstructions + c.smInstructionsMax(), smInstructions + c.smInstructionsSum(),
                Math.max(sms, c.sms()));
    }

    /** The sum of two measurements. */
    public CriticalPathTotals plus(CriticalPathTotals o) {
        return new CriticalPathTotals(launches + o.launches, chainHops + o.chainHops,
                steadyChainHops + o.steadyChainHops, ctas + o.ctas,
                lookbackSum + o.lookbackSum, Math.max(lookbackMax, o.lookbackMax), spinPolls + o.spinPolls,
                busiestSmInstructions + o.busiestSmInstructions, smInstructions + o.smInstructions,
                Math.max(sms, o.sms));
    }

    /**
     * What was measured since {@code earlier}. A maximum has no difference: the deepest look-back is the one of
     * everything counted so far (take a run's counts after {@link EmulatorBackend#resetCounters()} to have its own).
     */
    public CriticalPathTotals minus(CriticalPathTotals earlier) {
        return new CriticalPathTotals(launches - earlier.launches, chainHops - earlier.chainHops,
                steadyChainHops - earlier.steadyChainHops, ctas - earlier.ctas, lookbackSum - earlier.lookbackSum,
                lookbackMax, spinPolls - earlier.spinPolls,
                busiestSmInstructions - earlier.busiestSmInstructions, smInstructions - earlier.smInstructions, sms);
    }

    /** True if at least one launch measured its critical path. */
    public boolean measured() {
        return launches > 0;
    }

    /** Mean look-back depth per CTA. */
    public double lookbackMean() {
        return ctas == 0 ? 0 : (double) lookbackSum / ctas;
    }

    /** Mean warp instructions per SM, per launch summed over the launches (as the busiest SM is). */
    public double meanSmInstructions() {
        return sms == 0 ? 0 : (double) smInstructions / sms;
    }
}

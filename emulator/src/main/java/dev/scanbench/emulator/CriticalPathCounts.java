package dev.scanbench.emulator;

/**
 * What the critical-path clock of one launch measured ({@link LaunchOptions#criticalPath()}): how long the
 * longest chain of dependent cross-CTA memory round trips was, how far each CTA looked back, how often warps
 * polled without progress, and how the warp instructions fell on an H100's SMs. Counts, not times: the harness
 * turns them into a labelled model.
 *
 * @param chainHops          the longest chain of dependent cross-CTA hops (a load that saw another CTA's store
 *                           of this launch is one hop later than that store)
 * @param steadyChainHops    the chain the launch would have if every CTA grew it at the rate of the later half
 *                           of the CTAs (by retirement): the first wave starts all at once and looks back the
 *                           furthest, a start-up cost that does not grow with the grid; a model scaling the
 *                           launch to more tiles adds this rate for the extra ones
 * @param ctas               CTAs measured
 * @param lookbackSum        over the CTAs, how many other CTAs' stores of this launch each one observed
 *                           (its look-back depth; distinct writers, told apart modulo 4,096)
 * @param lookbackMax        the deepest look-back of one CTA
 * @param spinPolls          global loads that re-read the address and value the same warp last read at the same
 *                           instruction, with no store in between (a poll that saw no progress)
 * @param sms                SMs the CTAs were placed on
 * @param smInstructionsMax  warp instructions of the busiest SM
 * @param smInstructionsSum  warp instructions of all SMs together (the mean is this over {@code sms})
 */
public record CriticalPathCounts(long chainHops, double steadyChainHops, long ctas, long lookbackSum, long lookbackMax,
        long spinPolls,
        int sms, long smInstructionsMax, long smInstructionsSum) {

    /** Mean look-back depth per CTA, 0 when none was measured. */
    public double lookbackMean() {
        return ctas == 0 ? 0 : (double) lookbackSum / ctas;
    }

    /** Mean warp instructions per SM. */
    public double smInstructionsMean() {
        return sms == 0 ? 0 : (double) smInstructionsSum / sms;
    }
}

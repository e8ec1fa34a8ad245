package dev.scanbench.report.entry;

import java.util.List;
import java.util.Set;

/**
 * An entry's measurement as the log keeps it.
 *
 * @param basis     the clock the statistics use ({@code event} or {@code wall})
 * @param medianMs  the median, the time scored
 * @param ciLowMs   the median's confidence interval, low end (null when not recorded)
 * @param ciHighMs  its high end
 * @param samples   every sample's time on {@code basis}, in the order taken; empty for an entry logged before raw
 *                  samples were kept
 * @param wallMs    every sample's wall-clock time, in the same order (empty likewise)
 * @param flags     every sample's flags, in the same order (empty likewise)
 * @param protocol  {@code default} or {@code re-bench}
 * @param mode      {@code cold} or {@code hot}
 * @param sampleCount how many samples the summary was computed from (known even when the samples are not kept)
 */
public record Timing(String basis, double medianMs, Double ciLowMs, Double ciHighMs, double[] samples,
                     double[] wallMs, List<Set<String>> flags, String protocol, String mode, int sampleCount) {

    public Timing {
        samples = samples.clone();
        wallMs = wallMs.clone();
        flags = List.copyOf(flags);
    }

    /** @return a copy of the samples' times on {@link #basis()} */
    @Override
    public double[] samples() {
        return samples.clone();
    }

    /** @return a copy of the samples' wall-clock times */
    @Override
    public double[] wallMs() {
        return wallMs.clone();
    }

    /** @return true when the raw samples were kept (entries logged since they are) */
    public boolean hasSamples() {
        return samples.length > 0;
    }
}

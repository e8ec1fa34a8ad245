package dev.scanbench.harness.measure;

import java.util.Optional;

/** Decides, after each sample, whether a measurement has enough samples. A strategy: protocols take any. */
@FunctionalInterface
public interface StoppingRule {

    /**
     * @param samples      every sample taken so far, at least one
     * @param elapsedNanos wall time spent in the sampling phase so far
     * @return the reason to stop now, or empty to take another sample
     */
    Optional<StopReason> check(SampleSet samples, long elapsedNanos);
}

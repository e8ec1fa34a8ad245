package dev.scanbench.harness.measure;

import java.util.Optional;

/** Decides, after each warm-up call, whether warm-up is over. A strategy, like {@link StoppingRule}. */
@FunctionalInterface
public interface WarmupRule {

    /**
     * @param times        the times of the warm-up calls so far, in order, at least one
     * @param elapsedNanos wall time spent warming up so far
     * @return why warm-up ends now, or empty for another call
     */
    Optional<WarmupEnd> check(double[] times, long elapsedNanos);
}

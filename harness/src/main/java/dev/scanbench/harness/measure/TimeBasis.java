package dev.scanbench.harness.measure;

/** Which of a {@link Sample}'s two clocks a summary's statistics are computed from. */
public enum TimeBasis {
    /**
     * Device events around the plan: the default protocol's basis. It measures the device's work alone, free
     * of host scheduling noise, and the wall time is kept beside it as a check on it.
     */
    EVENT,
    /** Host wall clock between two synchronisations: what RE-Bench's scorer measured. */
    WALL
}

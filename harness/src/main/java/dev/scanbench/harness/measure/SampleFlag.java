package dev.scanbench.harness.measure;

/** Facts attached to one {@link Sample}: how it was taken, and what the alarms found in it. */
public enum SampleFlag {
    /** The L2 was flushed before this sample (cold mode). */
    L2_FLUSHED,
    /** The event time exceeds the wall time around it: impossible, the clocks disagree. */
    WALL_BELOW_EVENT,
    /** The wall time exceeds the event time by more than the host overhead allowed for the plan. */
    HOST_STALL,
    /** The time is below the physical floor for the problem size and the device's bandwidth. */
    BELOW_FLOOR,
    /** Far above the median in robust standard deviations: one disturbed sample. */
    OUTLIER
}

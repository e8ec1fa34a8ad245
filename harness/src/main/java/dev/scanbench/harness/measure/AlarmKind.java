package dev.scanbench.harness.measure;

/** The findings a measurement can raise about its own times, each with its fixed severity. */
public enum AlarmKind {
    /** An event time exceeds the wall time around it: impossible, so a clock or the harness is wrong. */
    WALL_BELOW_EVENT(Severity.REJECTION),
    /** A time below what the device's bandwidth allows for the data that must move: impossible. */
    BELOW_PHYSICAL_FLOOR(Severity.REJECTION),
    /** The wall time exceeds the event time by more than launch overhead: host stalls or work outside the events. */
    HOST_STALL(Severity.WARNING),
    /** Times rose through the run: clock throttling or a competing workload. */
    DRIFT(Severity.WARNING),
    /** Samples far above the rest: disturbed runs. */
    OUTLIERS(Severity.WARNING),
    /** Warm-up ended by its budget or call cap rather than by stable times. */
    UNSTABLE_WARMUP(Severity.WARNING),
    /** Sampling ended by its budget or sample cap before the median was as precise as asked. */
    IMPRECISE(Severity.WARNING);

    private final Severity severity;

    AlarmKind(Severity severity) {
        this.severity = severity;
    }

    /** @return how much a finding of this kind weighs */
    public Severity severity() {
        return severity;
    }
}

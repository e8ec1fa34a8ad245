package dev.scanbench.harness.measure;

import java.util.List;

/**
 * What a protocol measured and what it thinks of it. The time to score is {@link TimingSummary#medianMs()},
 * unless the result is {@link #rejected()}.
 *
 * @param protocol the protocol that measured
 * @param mode     the cache state of the samples ({@link Mode#HOT} for RE-Bench, which flushed nothing)
 * @param summary  the statistics and the samples, flagged by the alarms
 * @param alarms   every finding, rejections first
 */
public record MeasurementResult(Protocol protocol, Mode mode, TimingSummary summary, List<Alarm> alarms) {

    /** Copies the alarm list, so that the result is immutable. */
    public MeasurementResult {
        alarms = List.copyOf(alarms);
    }

    /** @return true when an alarm says the time cannot be true; such a result must not be scored */
    public boolean rejected() {
        return alarms.stream().anyMatch(a -> a.severity() == Severity.REJECTION);
    }

    /** @return true when an alarm of {@code kind} was raised */
    public boolean raised(AlarmKind kind) {
        return alarms.stream().anyMatch(a -> a.kind() == kind);
    }
}

package dev.scanbench.harness.measure;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One timed run of a candidate's plan.
 *
 * @param eventMs milliseconds between the device events recorded before and after the plan's launches, or
 *                null when the protocol records no events (RE-Bench's scorer timed by wall clock alone)
 * @param wallMs  host wall-clock milliseconds around enqueueing the launches and synchronising with the device
 * @param flags   what is known about this sample (unmodifiable)
 */
public record Sample(Double eventMs, double wallMs, Set<SampleFlag> flags) {

    /** @throws IllegalArgumentException when a time is negative, infinite or NaN */
    public Sample {
        if (eventMs != null) {
            requireTime("event", eventMs);
        }
        requireTime("wall", wallMs);
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    /** A sample timed by both clocks, with no flags. */
    public static Sample of(double eventMs, double wallMs) {
        return new Sample(eventMs, wallMs, Set.of());
    }

    /** A sample timed by the host wall clock alone, with no flags. */
    public static Sample wallOnly(double wallMs) {
        return new Sample(null, wallMs, Set.of());
    }

    /** @return true when device events timed this sample */
    public boolean hasEventTime() {
        return eventMs != null;
    }

    /** @return this sample with {@code flag} added */
    public Sample withFlag(SampleFlag flag) {
        if (flags.contains(flag)) {
            return this;
        }
        EnumSet<SampleFlag> more = flags.isEmpty() ? EnumSet.noneOf(SampleFlag.class) : EnumSet.copyOf(flags);
        more.add(flag);
        return new Sample(eventMs, wallMs, more);
    }

    /** @return true when the sample carries {@code flag} */
    public boolean has(SampleFlag flag) {
        return flags.contains(flag);
    }

    /**
     * @return the time of this sample on the given basis
     * @throws IllegalStateException when asked for the event time of a sample that has none
     */
    public double time(TimeBasis basis) {
        if (basis == TimeBasis.WALL) {
            return wallMs;
        }
        if (eventMs == null) {
            throw new IllegalStateException("this sample was timed by wall clock only: " + this);
        }
        return eventMs;
    }

    private static void requireTime(String what, double ms) {
        // NaN fails every comparison, so this rejects it along with negatives.
        if (!(ms >= 0) || Double.isInfinite(ms)) {
            throw new IllegalArgumentException(what + " time must be a finite non-negative number of ms, got " + ms);
        }
    }
}

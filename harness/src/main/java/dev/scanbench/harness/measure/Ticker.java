package dev.scanbench.harness.measure;

/**
 * A monotonic nanosecond clock. Protocols read time budgets from it rather than from the system directly,
 * so that tests drive them with a clock they advance themselves and never depend on this machine's speed.
 */
@FunctionalInterface
public interface Ticker {

    /** @return nanoseconds from an arbitrary fixed origin; only differences are meaningful */
    long nanoTime();

    /** @return the JVM's monotonic clock, {@link System#nanoTime()} */
    static Ticker system() {
        return System::nanoTime;
    }
}

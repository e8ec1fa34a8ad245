package dev.scanbench.harness.measure;

/** How much an {@link Alarm} weighs on the result. */
public enum Severity {
    /** The time stands, but a reader should know this about it. */
    WARNING,
    /** The time cannot be true: the result is rejected and must not be scored. */
    REJECTION
}

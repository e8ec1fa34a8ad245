package dev.scanbench.harness.measure;

/** Why warm-up ended. Only {@link #STABLE} means the samples start from a steady state. */
public enum WarmupEnd {
    /** The last warm-up times agreed with each other. */
    STABLE,
    /** The warm-up time budget ran out before they did. */
    BUDGET_SPENT,
    /** The cap on warm-up calls was reached before they did. */
    CALL_LIMIT,
    /** The protocol makes a fixed number of warm-up calls (RE-Bench) and judges no stability. */
    FIXED_COUNT
}

package dev.scanbench.harness.measure;

/** Why a measurement stopped taking samples. */
public enum StopReason {
    /** The stopping rule's precision target was met. */
    PRECISE,
    /** The time budget ran out first; the result's interval says how precise it got. */
    TIME_BUDGET,
    /** The cap on the number of samples was reached first. */
    SAMPLE_LIMIT,
    /** The protocol times exactly one call by design (RE-Bench); there is no precision to reach. */
    SINGLE_CALL
}

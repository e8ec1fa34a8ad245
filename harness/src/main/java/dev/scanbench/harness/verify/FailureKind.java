package dev.scanbench.harness.verify;

/** Why a candidate failed verification; stable names for the {@code --json} output. */
public enum FailureKind {
    /** The plan is invalid at one of the battery's sizes. */
    PLAN,
    /** The kernel faulted (illegal or out-of-bounds access, trap) or a diagnostic found an error. */
    FAULT,
    /** The kernel never finished: deadlock, endless spin, or instruction budget exhausted. */
    HANG,
    /** The kernel wrote to its input. */
    INPUT_MODIFIED,
    /** An output element is wrong. */
    WRONG_OUTPUT
}

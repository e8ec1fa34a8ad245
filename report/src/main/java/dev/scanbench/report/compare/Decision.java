package dev.scanbench.report.compare;

/** The verdict on two timed entries, B against A, in nvbench compare's terms. */
public enum Decision {
    /** B is faster than A by more than the noise threshold, and the difference is significant. */
    FASTER,
    /** B is slower than A by more than the noise threshold, and the difference is significant. */
    SLOWER,
    /** The shift's whole confidence interval lies within the noise threshold. */
    SAME,
    /** The samples cannot tell: too few, not significant, or an interval that straddles the threshold. */
    UNCERTAIN
}

package dev.scanbench.service.job;

import java.util.Locale;

/** Where a submission is. */
public enum JobStatus {
    /** Waiting for a free lane. */
    QUEUED,
    /** Its {@code workbench score} is running. */
    RUNNING,
    /** Scored and logged: the result is {@code score}'s JSON, whatever the kernel's verdict. */
    DONE,
    /** Not scored: {@code score} could not run it (environment, limits, a crash of the service's child). */
    FAILED,
    /** Cancelled by a client before it ended. */
    CANCELLED;

    /** @return the name in the API, lower case */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether it will not change any more */
    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}

package dev.scanbench.harness.candidate;

import dev.scanbench.harness.ptx.StaticReport;

/** The candidate's PTX contains something the workbench refuses to run, such as a device-side launch. */
public final class StaticCheckException extends CandidateException {
    private static final long serialVersionUID = 1L;
    private final transient StaticReport report;

    /**
     * @param message the rejections with their PTX lines
     * @param report  every finding
     */
    public StaticCheckException(String message, StaticReport report) {
        super(message);
        this.report = report;
    }

    /** Every finding of the static checks, rejecting or not. */
    public StaticReport report() {
        return report;
    }
}

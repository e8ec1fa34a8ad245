package dev.scanbench.emulator;

import java.util.List;

/**
 * What a launch did.
 *
 * @param status       how it ended
 * @param diagnostics  findings, in the order they were made (errors and warnings)
 * @param counters     execution counters
 * @param printf       device-side printf output in the order it was made, at most {@link #PRINTF_CAP} calls
 * @param printfOmitted printf calls made past the cap (counted, not kept)
 */
public record LaunchResult(Status status, List<Diagnostic> diagnostics, Counters counters, List<PrintfLine> printf,
        long printfOmitted) {
    /** The most printf calls one launch keeps. */
    public static final int PRINTF_CAP = 1000;

    /** A launch that printed nothing. */
    public LaunchResult(Status status, List<Diagnostic> diagnostics, Counters counters) {
        this(status, diagnostics, counters, List.of(), 0);
    }

    /** How a launch ended. */
    public enum Status {
        /** Every thread exited. */
        COMPLETED,
        /** A trap, illegal access or memcheck error stopped it. */
        FAULTED,
        /** The deadlock detector stopped it; the diagnostics name every stuck warp. */
        DEADLOCKED
    }

    /** True if it completed and no error (warnings allowed) was found. */
    public boolean clean() {
        return status == Status.COMPLETED && diagnostics.stream().noneMatch(Diagnostic::error);
    }

    /** The findings of one check. */
    public List<Diagnostic> of(Check check) {
        return diagnostics.stream().filter(d -> d.check() == check).toList();
    }
}

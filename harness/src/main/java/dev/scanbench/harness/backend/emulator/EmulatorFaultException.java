package dev.scanbench.harness.backend.emulator;

import dev.scanbench.emulator.Diagnostic;
import dev.scanbench.emulator.LaunchResult;
import dev.scanbench.harness.backend.DeviceFaultException;
import java.util.List;

/**
 * A kernel the emulator stopped or found at fault: a fault (trap, illegal or out-of-bounds access), a deadlock
 * or exhausted instruction budget, or an error of a diagnostic (initcheck, racecheck, synccheck, ...). Carries
 * the first error's location — kernel, block, thread, PTX line and CUDA source line — and every diagnostic.
 */
public final class EmulatorFaultException extends DeviceFaultException {
    private static final long serialVersionUID = 1L;
    /** How many diagnostics the message lists; all of them stay available through {@link #diagnostics()}. */
    private static final int SHOWN = 5;

    private final LaunchResult.Status status;
    private final transient List<Diagnostic> diagnostics;

    private EmulatorFaultException(String message, LaunchResult.Status status, List<Diagnostic> diagnostics) {
        super(message);
        this.status = status;
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The exception for a launch that did not end clean. */
    static EmulatorFaultException of(String entry, LaunchResult result) {
        List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::error).toList();
        String what = switch (result.status()) {
            case FAULTED -> "faulted";
            case DEADLOCKED -> "deadlocked or ran out of its instruction budget";
            case COMPLETED -> "completed with " + errors.size() + " diagnostic error(s)";
        };
        StringBuilder sb = new StringBuilder("kernel ").append(entry).append(' ').append(what);
        errors.stream().limit(SHOWN).forEach(d -> sb.append("\n  ").append(d));
        if (errors.size() > SHOWN) {
            sb.append("\n  ... and ").append(errors.size() - SHOWN).append(" more");
        }
        return new EmulatorFaultException(sb.toString(), result.status(), errors);
    }

    /**
     * The exception for a buffer left holding an undefined value ({@code d} locates the store that wrote it): an
     * initcheck error of a completed run, the candidate's.
     */
    static EmulatorFaultException undefined(String buffer, Diagnostic d) {
        Diagnostic named = new Diagnostic(d.check(), true, d.kernel(), d.block(), d.thread(), d.ptxLine(), d.source(),
                "the output " + buffer + " holds an undefined value: " + d.message(), d.inlinedAt());
        return new EmulatorFaultException("kernel " + d.kernel() + " left an undefined value in " + buffer + "\n  "
                + named, LaunchResult.Status.COMPLETED, List.of(named));
    }

    /** How the launch ended: FAULTED, DEADLOCKED, or COMPLETED with diagnostic errors. */
    public LaunchResult.Status status() {
        return status;
    }

    /** True when the deadlock detector or the instruction budget stopped the launch: a hang on hardware. */
    public boolean hang() {
        return status == LaunchResult.Status.DEADLOCKED;
    }

    /** Every error diagnostic, in the order found. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The first error, which locates the fault (kernel, block, thread, PTX line, source line), or null. */
    public Diagnostic first() {
        return diagnostics.isEmpty() ? null : diagnostics.get(0);
    }
}

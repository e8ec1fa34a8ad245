package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.Diagnostic;

/** Unchecked signal that stops a launch: a trap, an illegal access, or a memcheck error. */
final class KernelFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Diagnostic diagnostic;

    KernelFault(Diagnostic d) {
        super(d.toString(), null, false, false);
        this.diagnostic = d;
    }
}

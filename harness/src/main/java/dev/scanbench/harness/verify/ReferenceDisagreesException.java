package dev.scanbench.harness.verify;

import dev.scanbench.harness.backend.BackendUnavailableException;

/**
 * The reference kernel, cross-checked against the CPU oracle, gave another answer: the device or driver is at
 * fault (the reference is verified on the emulator in every build), an environment problem, not the candidate's.
 */
public final class ReferenceDisagreesException extends BackendUnavailableException {
    private static final long serialVersionUID = 1L;

    /** @param message where the two outputs differ */
    public ReferenceDisagreesException(String message) {
        super(message);
    }
}

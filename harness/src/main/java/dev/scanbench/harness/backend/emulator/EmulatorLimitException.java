package dev.scanbench.harness.backend.emulator;

import dev.scanbench.harness.backend.BackendException;

/**
 * A launch the emulator cannot run although a GPU could: a grid past {@link
 * dev.scanbench.harness.Defaults#EMULATOR_MAX_BLOCKS} blocks. An environment limit (exit 3, never logged as the
 * candidate's fault), said before the emulator would allocate per-block state for it and die of a raw
 * {@code OutOfMemoryError} that no heap setting cures.
 */
public final class EmulatorLimitException extends BackendException {
    private static final long serialVersionUID = 1L;

    public EmulatorLimitException(String message) {
        super(message);
    }
}

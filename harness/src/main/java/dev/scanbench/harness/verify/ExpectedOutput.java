package dev.scanbench.harness.verify;

import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;

/**
 * Computes the correct output for the input on the device, AFTER the candidate ran, so that the answer does
 * not exist anywhere the candidate could read it while it runs.
 */
public interface ExpectedOutput extends AutoCloseable {

    /**
     * Writes the correct output for {@code x[0..n)} into {@code expected[0..n)}.
     *
     * @return the input as a host array when the implementation copied it anyway (saves another copy for a
     *         failure report), else null
     */
    int[] compute(Backend backend, DeviceBuffer x, DeviceBuffer expected, int n) throws BackendException;

    /** Releases what the implementation holds on the device (nothing, unless it runs a kernel of its own). */
    @Override
    default void close() throws BackendException {
    }
}

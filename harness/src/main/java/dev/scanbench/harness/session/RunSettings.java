package dev.scanbench.harness.session;

import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.Protocol;
import java.time.Duration;

/**
 * How a scoring run was set up.
 *
 * @param backend     {@code cuda} or {@code emulator}
 * @param backendWhy  how the backend was chosen, in one line
 * @param n           the problem size
 * @param protocol    the timing protocol (CUDA only)
 * @param mode        the cache mode of the samples (CUDA, default protocol)
 * @param callTimeout the per-call watchdog limit
 * @param simulated   true when the CUDA driver chosen is the workbench's software driver (a model clock)
 */
public record RunSettings(String backend, String backendWhy, long n, Protocol protocol, Mode mode,
                          Duration callTimeout, boolean simulated) {

    /** Settings on a real clock. */
    public RunSettings(String backend, String backendWhy, long n, Protocol protocol, Mode mode, Duration callTimeout) {
        this(backend, backendWhy, n, protocol, mode, callTimeout, false);
    }
}

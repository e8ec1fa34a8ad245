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
 */
public record RunSettings(String backend, String backendWhy, long n, Protocol protocol, Mode mode,
                          Duration callTimeout) {
}

/**
 * The PTX emulator behind the {@link dev.scanbench.harness.backend.Backend} interface: PTX only, no clock,
 * diagnostics and execution counters instead of time.
 */
package dev.scanbench.harness.backend.emulator;

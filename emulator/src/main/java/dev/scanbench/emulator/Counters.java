package dev.scanbench.emulator;

/**
 * Execution counters of one launch.
 *
 * @param warpInstructions    instructions issued, counted once per warp (split)
 * @param threadInstructions  instructions executed, counted per active thread
 * @param globalBytesRead     bytes read from global memory by loads, atomics and copies
 * @param globalBytesWritten  bytes written to global memory
 * @param barriers            CTA barrier completions
 * @param atomics             atomic operations, per thread
 * @param ctas                CTAs run to completion
 * @param criticalPath        the critical-path measurement, or null when {@link LaunchOptions#criticalPath()} was off
 * @param peakResidentCtas    the most CTAs that held state (register files, shared memory, barriers) at once: a CTA's
 *                            state exists from its dispatch until it retires, so this never exceeds the residency
 */
public record Counters(long warpInstructions, long threadInstructions, long globalBytesRead,
        long globalBytesWritten, long barriers, long atomics, long ctas, CriticalPathCounts criticalPath,
        int peakResidentCtas) { }

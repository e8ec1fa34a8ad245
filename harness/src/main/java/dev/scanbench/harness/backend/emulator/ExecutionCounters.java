package dev.scanbench.harness.backend.emulator;

import dev.scanbench.emulator.Counters;

/**
 * The work an emulated run did, summed over its launches: what the emulator reports in place of time.
 *
 * @param launches           kernel launches
 * @param warpInstructions   instructions issued, once per warp
 * @param threadInstructions instructions executed, once per active thread
 * @param globalBytesRead    bytes read from global memory
 * @param globalBytesWritten bytes written to global memory
 * @param criticalPath       the critical-path measurement of the launches that took one (see {@link
 *                           dev.scanbench.emulator.LaunchOptions#criticalPath()})
 */
public record ExecutionCounters(long launches, long warpInstructions, long threadInstructions, long globalBytesRead,
                                long globalBytesWritten, CriticalPathTotals criticalPath) {

    /** Nothing run yet. */
    public static final ExecutionCounters ZERO = new ExecutionCounters(0, 0, 0, 0, 0, CriticalPathTotals.NONE);

    /** These counters plus one more launch. */
    public ExecutionCounters plus(Counters c) {
        return new ExecutionCounters(launches + 1, warpInstructions + c.warpInstructions(),
                threadInstructions + c.threadInstructions(), globalBytesRead + c.globalBytesRead(),
                globalBytesWritten + c.globalBytesWritten(), criticalPath.plus(c.criticalPath()));
    }

    /** The sum of two counts. */
    public ExecutionCounters plus(ExecutionCounters other) {
        return new ExecutionCounters(launches + other.launches, warpInstructions + other.warpInstructions,
                threadInstructions + other.threadInstructions, globalBytesRead + other.globalBytesRead,
                globalBytesWritten + other.globalBytesWritten, criticalPath.plus(other.criticalPath));
    }

    /** The difference {@code this - earlier}: the work done since {@code earlier} was taken. */
    public ExecutionCounters minus(ExecutionCounters earlier) {
        return new ExecutionCounters(launches - earlier.launches, warpInstructions - earlier.warpInstructions,
                threadInstructions - earlier.threadInstructions, globalBytesRead - earlier.globalBytesRead,
                globalBytesWritten - earlier.globalBytesWritten, criticalPath.minus(earlier.criticalPath));
    }

    /** Global bytes read and written together. */
    public long globalBytes() {
        return globalBytesRead + globalBytesWritten;
    }
}

package dev.scanbench.harness.compile;

/**
 * What ptxas reports for one kernel entry ({@code -v}): the figures that decide occupancy and reveal spills.
 *
 * @param registers        registers per thread
 * @param spillStoreBytes  bytes of register spill stores per thread
 * @param spillLoadBytes   bytes of register spill loads per thread
 * @param sharedBytes      static shared memory per block in bytes
 * @param stackFrameBytes  stack frame per thread in bytes
 * @param barriers         named barriers used
 */
public record ResourceUsage(int registers, int spillStoreBytes, int spillLoadBytes, int sharedBytes,
                            int stackFrameBytes, int barriers) {

    /** True when the kernel spills registers to local memory. */
    public boolean spills() {
        return spillStoreBytes > 0 || spillLoadBytes > 0;
    }

    /** A one-line summary, e.g. {@code 32 registers, 0 B spill stores, 0 B spill loads, 1024 B smem, 0 B stack}. */
    public String describe() {
        return registers + " registers, " + spillStoreBytes + " B spill stores, " + spillLoadBytes
                + " B spill loads, " + sharedBytes + " B smem, " + stackFrameBytes + " B stack, " + barriers + " barriers";
    }
}

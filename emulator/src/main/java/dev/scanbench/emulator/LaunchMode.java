package dev.scanbench.emulator;

/**
 * How a kernel is launched, beyond its shape: cooperatively or not, and the registers per thread ptxas gave it
 * (which, with its shared memory and block size, set its {@link Occupancy}).
 *
 * @param cooperative        a cooperative launch ({@code cuLaunchCooperativeKernel}): the whole grid resident at
 *                           once, and a grid-sync workspace for {@code cg::this_grid().sync()}; refused when the
 *                           grid exceeds the occupancy x 132 SMs
 * @param registersPerThread registers per thread from the cubin (0: unknown, left out of the occupancy)
 */
public record LaunchMode(boolean cooperative, int registersPerThread) {
    /** A plain launch of a kernel whose registers are unknown. */
    public static final LaunchMode PLAIN = new LaunchMode(false, 0);

    public LaunchMode {
        if (registersPerThread < 0 || registersPerThread > 255) {
            throw new IllegalArgumentException("registers per thread " + registersPerThread + " not in 0..255");
        }
    }
}

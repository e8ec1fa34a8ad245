package dev.scanbench.emulator;

/**
 * How many CTAs of one kernel an H100 SXM (sm_90) keeps resident per SM, computed as the hardware and
 * {@code cuOccupancyMaxActiveBlocksPerMultiprocessor} do: the least of the limits by threads (2048 per SM),
 * warps (64), CTAs (32), registers (65,536 per SM, allocated per warp in units of 256) and shared memory
 * (228 KiB per SM, 1 KiB of it reserved per CTA, allocated in 128-byte units). The software CUDA driver
 * ({@code swdriver/src/main/c/launch.c}) computes the same.
 *
 * @param ctasPerSm CTAs resident per SM (0: the kernel cannot run at all with this block)
 * @param limit     the resource that sets it: {@code threads}, {@code warps}, {@code CTA slots},
 *                  {@code registers} or {@code shared memory}
 * @param registers registers per thread the figure used (0: unknown, not counted)
 * @param shared    static plus dynamic shared memory per CTA in bytes
 * @param threads   threads per CTA
 */
public record Occupancy(int ctasPerSm, String limit, int registers, long shared, int threads) {
    /** Streaming multiprocessors of an H100 SXM. */
    public static final int SMS = 132;
    /** Threads resident per SM. */
    public static final int THREADS_PER_SM = 2048;
    /** Warps resident per SM. */
    public static final int WARPS_PER_SM = 64;
    /** CTA slots per SM. */
    public static final int CTAS_PER_SM = 32;
    /** 32-bit registers per SM. */
    public static final int REGISTERS_PER_SM = 65536;
    /** Registers are allocated per warp in multiples of this. */
    public static final int REGISTER_UNIT_PER_WARP = 256;
    /** Shared memory per SM usable by CTAs (228 KiB). */
    public static final int SHARED_PER_SM = 228 * 1024;
    /** Shared memory the hardware reserves for each resident CTA. */
    public static final int RESERVED_SHARED_PER_CTA = 1024;
    /** Shared memory is allocated in multiples of this. */
    public static final int SHARED_UNIT = 128;

    /**
     * The occupancy of a kernel.
     *
     * @param registers registers per thread as ptxas allocated them (0 when unknown: that limit is left out)
     * @param shared    static plus dynamic shared memory per CTA in bytes
     * @param threads   threads per CTA (1 to 1024)
     */
    public static Occupancy of(int registers, long shared, int threads) {
        if (threads < 1 || threads > 1024 || registers < 0 || shared < 0) {
            throw new IllegalArgumentException("occupancy of " + threads + " threads, " + registers
                    + " registers, " + shared + " B shared");
        }
        int warps = (threads + 31) / 32;
        int best = CTAS_PER_SM;
        String limit = "CTA slots";
        int byThreads = THREADS_PER_SM / threads;
        if (byThreads < best) {
            best = byThreads;
            limit = "threads";
        }
        int byWarps = WARPS_PER_SM / warps;
        if (byWarps < best) {
            best = byWarps;
            limit = "warps";
        }
        if (registers > 0) {
            int perWarp = (registers * 32 + REGISTER_UNIT_PER_WARP - 1) / REGISTER_UNIT_PER_WARP
                    * REGISTER_UNIT_PER_WARP;
            int byRegisters = REGISTERS_PER_SM / perWarp / warps;
            if (byRegisters < best) {
                best = byRegisters;
                limit = "registers";
            }
        }
        long perCta = (shared + RESERVED_SHARED_PER_CTA + SHARED_UNIT - 1) / SHARED_UNIT * SHARED_UNIT;
        int byShared = (int) Math.min(Integer.MAX_VALUE, SHARED_PER_SM / perCta);
        if (byShared < best) {
            best = byShared;
            limit = "shared memory";
        }
        return new Occupancy(best, limit, registers, shared, threads);
    }

    /** CTAs resident on the whole device: {@link #ctasPerSm} x {@link #SMS}. */
    public int residentCtas() {
        return ctasPerSm * SMS;
    }

    /** E.g. {@code 6 CTAs per SM x 132 SMs = 792 (limited by registers: 40 per thread, 256 threads, 96 B shared)}. */
    public String describe() {
        return ctasPerSm + " CTAs per SM x " + SMS + " SMs = " + residentCtas() + " (limited by " + limit + ": "
                + (registers > 0 ? registers + " registers per thread" : "registers unknown") + ", " + threads
                + " threads, " + shared + " B shared memory per CTA)";
    }

    /** Why a cooperative launch of {@code grid} is refused: more CTAs than this occupancy keeps resident. */
    public String cooperativeRefusal(String entry, Dim3 grid) {
        return "cooperative launch of " + entry + " with " + grid.count() + " blocks (grid " + grid + "), more than an"
                + " H100 keeps resident at once: " + describe() + " (cuLaunchCooperativeKernel fails with"
                + " CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE); size the grid to at most " + residentCtas();
    }
}

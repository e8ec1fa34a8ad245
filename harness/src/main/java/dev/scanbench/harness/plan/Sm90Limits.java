package dev.scanbench.harness.plan;

/**
 * The launch limits of compute capability 9.0 (H100), from the CUDA C++ Programming Guide's table of
 * technical specifications, plus the workbench's own bound on scratch memory. One constant each.
 */
public final class Sm90Limits {
    /** Maximum threads per block. */
    public static final long MAX_THREADS_PER_BLOCK = 1024;
    /** Maximum block dimensions x, y, z. */
    public static final long[] MAX_BLOCK_DIM = {1024, 1024, 64};
    /** Maximum grid dimensions x, y, z. */
    public static final long[] MAX_GRID_DIM = {(1L << 31) - 1, 65535, 65535};
    /**
     * Maximum shared memory per block, static plus dynamic: 227 KiB. Above 48 KiB of dynamic shared memory
     * the launcher must opt in with {@code CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES}.
     */
    public static final long MAX_SHARED_BYTES_PER_BLOCK = 232_448;
    /** Scratch allowance per element of n: 4 bytes, i.e. one extra int32 array. */
    public static final long SCRATCH_BYTES_PER_ELEMENT = 4;
    /** Scratch allowance independent of n: 64 MiB, enough for tile descriptors and look-back state. */
    public static final long SCRATCH_FIXED_BYTES = 64L << 20;

    private Sm90Limits() {
    }

    /** The most scratch memory, in bytes, a plan may declare for problem size n: {@code 4*n + 64 MiB}. */
    public static long maxScratchBytes(long n) {
        return SCRATCH_BYTES_PER_ELEMENT * n + SCRATCH_FIXED_BYTES;
    }
}

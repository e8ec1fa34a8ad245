package dev.scanbench.harness;

/**
 * Every default of the workbench in one place, one documented constant each (DESIGN.md §5.2).
 */
public final class Defaults {

    /**
     * Environment variable naming the score log when no {@code --log PATH} option is given. An environment
     * variable rather than a config file so that a sandboxed agent and its supervisor can share one log by
     * exporting one name.
     */
    public static final String LOG_ENV_VARIABLE = "WORKBENCH_LOG";

    /** Directory under {@code user.home} holding the default score log: {@code ~/.workbench}. */
    public static final String LOG_DIRECTORY = ".workbench";

    /** File name of the default score log inside {@link #LOG_DIRECTORY}: {@code ~/.workbench/scores.jsonl}. */
    public static final String LOG_FILE_NAME = "scores.jsonl";

    /**
     * Threads per block of the harness's own kernels (generate, canary, compare, checksum): a multiple of 32, as
     * their warp reductions need, and a good occupancy on sm_90.
     */
    public static final int HARNESS_BLOCK = 256;

    /**
     * Most blocks a harness kernel launches; its grid-stride loop covers any n. 1024 blocks of 256 threads keep
     * an H100's 132 SMs full while bounding the number of per-warp atomics of compare and checksum.
     */
    public static final int HARNESS_MAX_GRID = 1024;

    /** Elements shown on each side of the first mismatch: enough to see a tile or warp boundary. */
    public static final int MISMATCH_WINDOW = 8;

    /**
     * CTAs resident at once in the verification battery's in-order runs: one per SM of an H100 SXM (132 SMs).
     * A kernel that needs more of its grid resident at once (a grid barrier without a cooperative launch)
     * deadlocks there, as it may on hardware; reversed and random orders keep the whole grid resident, since
     * hardware dispatches in order and a look-back on lower block indices must not be failed for that.
     */
    public static final int BATTERY_RESIDENT_CTAS = 132;

    private Defaults() {
    }
}

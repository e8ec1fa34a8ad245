package dev.scanbench.harness;

import dev.scanbench.emulator.Check;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

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

    // ---- measurement (dev.scanbench.harness.measure) ----

    /**
     * Wall-clock budget of the sampling phase of one measurement, in milliseconds: 10 s. It counts everything a
     * sample costs (input generation, canary, L2 flush, the timed region, verification), so it bounds what a
     * user waits for; nvbench's 15 s timeout is the same order.
     */
    public static final long MEASURE_TIME_BUDGET_MS = 10_000;

    /**
     * Fewest samples before the stopping rule may declare the median precise: 10. Below 8 samples no
     * order-statistic interval reaches 99% coverage at all; 10 gives the interval [min, max] at 99.8%.
     */
    public static final int MEASURE_MIN_SAMPLES = 10;

    /**
     * Most samples one measurement keeps: 10,000. A safety net against a budget that would otherwise let a
     * very fast, very noisy kernel grow the raw sample list (which the score log keeps) without bound.
     */
    public static final int MEASURE_MAX_SAMPLES = 10_000;

    /** Confidence of the distribution-free interval around the median: 99%. */
    public static final double MEASURE_CONFIDENCE = 0.99;

    /**
     * Target relative half-width of the median's confidence interval: 1%. Two kernels whose medians differ by
     * more than 2% then have disjoint intervals, which is finer than any step that matters on the log score.
     */
    public static final double MEASURE_MAX_RELATIVE_HALF_WIDTH = 0.01;

    /**
     * Fewest warm-up calls: 4, as RE-Bench's scorer made. The first calls pay for lazy module loading, first
     * touch of fresh allocations and the clock ramp from idle, none of which belongs in a sample.
     */
    public static final int WARMUP_MIN_CALLS = 4;

    /** Number of most recent warm-up times that must agree before warm-up ends: 5. */
    public static final int WARMUP_WINDOW = 5;

    /**
     * Largest spread (max - min) / median of the last {@link #WARMUP_WINDOW} warm-up times that counts as
     * stable: 5%. Wider than the 1% target on purpose: warm-up only has to reach the steady state, the
     * sampling phase then measures how precise the steady state is.
     */
    public static final double WARMUP_STABLE_SPREAD = 0.05;

    /** Wall-clock budget of warm-up, in milliseconds: 2 s, after which sampling starts stable or not (and says so). */
    public static final long WARMUP_BUDGET_MS = 2_000;

    /** Most warm-up calls: 1,000, so a kernel of a few microseconds does not spend the whole budget warming up. */
    public static final int WARMUP_MAX_CALLS = 1_000;

    /** L2 cache size of the H100 (SXM and PCIe): 50 MiB, used when the device does not report its own. */
    public static final long H100_L2_BYTES = 50L << 20;

    /**
     * Size of the cold-mode flush buffer as a multiple of the L2 size: 2. Writing twice the cache evicts every
     * line under any replacement policy that favours recently written lines; Triton's do_bench uses 256 MB
     * for the same reason.
     */
    public static final int L2_FLUSH_FACTOR = 2;

    /**
     * How far an event time may exceed the wall time around it before the pair is impossible, in ms: 0.005.
     * CUDA documents event timing resolution as about 0.5 microseconds and System.nanoTime() is finer; ten
     * times that resolution leaves no room for a real disagreement to hide.
     */
    public static final double EVENT_RESOLUTION_TOLERANCE_MS = 0.005;

    /**
     * Fixed host overhead allowed between wall and event time for one sample, in ms: 0.1. It covers recording
     * two events, the synchronisation's wake-up (spin or yield) and reading the clock; a larger gap means the
     * host stalled (scheduling, paging) or time was spent outside the events.
     */
    public static final double HOST_OVERHEAD_BASE_MS = 0.1;

    /**
     * Host overhead allowed per kernel launch of the plan, in ms: 0.02. cuLaunchKernel costs a few microseconds
     * on the host; launches that outrun a short kernel make the wall time grow by that much each.
     */
    public static final double HOST_OVERHEAD_PER_LAUNCH_MS = 0.02;

    /**
     * How much faster than the harness's own device copy a kernel may move memory before its time is called
     * impossible: 15%. A simple copy kernel reaches 2.9-3.0 TB/s on an H100 SXM, 87-90% of the 3.35 TB/s
     * datasheet, and a tuned kernel may beat the harness's copy by that margin but not by more.
     */
    public static final double FLOOR_BANDWIDTH_SLACK = 1.15;

    /**
     * How much sooner than the harness's own one-launch copy of the same n elements a kernel may finish before its
     * time is called impossible: 1.5x. At small n both are launch latency (a few microseconds) plus noise, so the
     * margin is wide; it still turns a broken or gamed time (0.0001 ms for n = 1024) into a rejection where the
     * bandwidth bound is zero.
     */
    public static final double FLOOR_LATENCY_SLACK = 1.5;

    /** Timed copies of the run's n elements behind the small-n floor; the fastest counts. */
    public static final int COPY_OF_N_REPETITIONS = 5;

    /**
     * Relative rise of the last third's median over the first third's that is reported as drift: 5%. Clock
     * throttling (power, thermal) and a competing process both show as times that creep up through a run.
     */
    public static final double DRIFT_THRESHOLD = 0.05;

    /** Fewest samples before drift is judged: 30, ten per third, so a third's median is not one sample's whim. */
    public static final int DRIFT_MIN_SAMPLES = 30;

    /**
     * Outlier threshold in robust standard deviations (1.4826 x the median absolute deviation) above the median: 6.
     * Far enough out that a normal run of a few hundred samples has none, so each one reported is an event
     * (a preemption, an ECC scrub, a clock dip) rather than the tail of the noise.
     */
    public static final double OUTLIER_ROBUST_SIGMAS = 6;

    /**
     * Smallest robust spread used for outliers, relative to the median: 0.5%. Without it an extremely tight
     * run (a MAD of a few nanoseconds) would call a 1% deviation an outlier.
     */
    public static final double OUTLIER_MIN_RELATIVE_SPREAD = 0.005;

    /** Problem size of RE-Bench's correctness call, made before any timing: 1024. */
    public static final int RE_BENCH_CORRECTNESS_N = 1024;

    /** Number of untimed calls on fresh inputs RE-Bench's scorer made before its one timed call: 4. */
    public static final int RE_BENCH_WARMUP_CALLS = 4;

    // ---- worker isolation (dev.scanbench.harness.worker) ----

    /**
     * Longest one call of a candidate may run in the worker process before the watchdog kills the worker:
     * 20 s, the per-call timeout of the original RE-Bench scorer. {@code --timeout S} overrides it.
     */
    public static final Duration WORKER_CALL_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Longest a whole worker job may run, calls and the work between them together: a backstop for a job
     * that hangs outside any call. Ten minutes covers an emulator verification battery with room to spare.
     */
    public static final Duration WORKER_JOB_TIMEOUT = Duration.ofMinutes(10);

    /**
     * How long a worker that has reported its result (or closed its output) may take to exit before it is
     * killed; the result stands either way. Long enough for a CUDA context to be torn down.
     */
    public static final Duration WORKER_EXIT_GRACE = Duration.ofSeconds(5);

    /**
     * How often the watchdog looks at the worker's process tree when no event wakes it: the resolution of
     * the timeouts and how quickly a grandchild is noticed (so it can be killed if the worker dies).
     */
    public static final Duration WORKER_POLL_INTERVAL = Duration.ofMillis(100);

    /**
     * Maximum Java heap of the worker JVM, as for {@code -Xmx}: 4g, as the {@code ./workbench} launcher gives
     * the CLI, since n = 10^8 on the CPU oracle holds x, y and the expected output (400 MB each). The
     * {@link #HEAP_ENV_VARIABLE} overrides it, for the CLI and the worker alike.
     */
    public static final String WORKER_HEAP = "4g";

    /**
     * Environment variable setting the Java heap of the CLI (read by the {@code ./workbench} launcher) and of
     * every worker JVM: one name, so an out-of-memory message can say exactly what to set.
     */
    public static final String HEAP_ENV_VARIABLE = "WORKBENCH_HEAP";

    /**
     * Longest one candidate call may run on the emulator before the watchdog kills the worker: 2 minutes. The
     * emulator is 10^4 to 10^5 times slower than a GPU with every diagnostic on (a 4 x 10^6-element gate case
     * of a three-pass scan takes 10 to 40 s here) and stops a spin itself (its deadlock detector), so this is
     * a backstop for a kernel that loops while making progress. {@code --timeout S} overrides it.
     */
    public static final Duration EMULATOR_CALL_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Longest a whole worker job with a correctness gate may run on the emulator: 30 minutes, a backstop over
     * a gate of about 160 cases of up to 4 x 10^6 elements with every diagnostic on, on a loaded machine.
     */
    public static final Duration EMULATOR_JOB_TIMEOUT = Duration.ofMinutes(30);

    /**
     * How much of the worker's stderr (and of anything else it printed) is kept for the report: the last
     * 64 KiB, enough for a stack trace or a JVM crash banner, small enough for a log entry.
     */
    public static final int WORKER_STDERR_TAIL_BYTES = 64 * 1024;

    /**
     * Longest line the worker's protocol stream may carry (one event, e.g. a result with every timing
     * sample); longer lines are not events and are kept, truncated, as printed output.
     */
    public static final int WORKER_MAX_EVENT_BYTES = 16 * 1024 * 1024;

    // ---- verification (dev.scanbench.harness.verify) ----

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

    /**
     * Canary elements kept after y[n-1] on a backend that does not check bounds (a GPU): 256 Ki ints (1 MiB).
     * A kernel without a tail guard writes up to one tile past n; no tile of a kernel for this task is near
     * that size, and a write past the end changes the canary there, so the harness sees it as a GPU never would.
     */
    public static final int OUTPUT_GUARD_INTS = 256 * 1024;

    /** Elements shown on each side of the first mismatch: enough to see a tile or warp boundary. */
    public static final int MISMATCH_WINDOW = 8;

    /**
     * Problem size of {@code workbench score} on the emulator when {@code --n} is not given: 2^20 + 7 elements,
     * large enough for a multi-tile, multi-CTA run (a look-back crosses hundreds of tiles) and small enough to
     * finish in seconds with every diagnostic on. Odd, so a multiple of no power of two above 1: every tile size
     * leaves a partial last tile, and a kernel without a tail guard cannot pass here. The scoring size 10^8 would
     * take hours on the CPU.
     */
    public static final int EMULATOR_SCORE_N = (1 << 20) + 7;

    /**
     * Most blocks one launch may have on the emulator: 2^24, over 40 times what any plan needs at the gate's
     * largest secret size (4 x 10^6 elements, one per thread, 32 threads a block is 125,000 blocks). The emulator
     * keeps state per block and runs blocks one after another on the CPU, so a grid near the GPU's 2^31 - 1 would
     * exhaust any heap or run for days; it is refused as an environment limit (exit 3), not the candidate's fault.
     */
    public static final long EMULATOR_MAX_BLOCKS = 1L << 24;

    /**
     * Verified runs {@code workbench score} makes on the emulator, each on a fresh input from the secret seed:
     * more than one, so an output cached from an earlier run cannot pass, and few, since without a clock
     * more runs only repeat the same counts.
     */
    public static final int EMULATOR_SCORE_ITERATIONS = 3;

    /**
     * Bytes of the buffer the copy kernel copies to measure the device's bandwidth before a measurement:
     * 256 MiB, five times an H100's L2, so the copy runs from and to DRAM.
     */
    public static final long COPY_BANDWIDTH_BYTES = 256L << 20;

    /** Timed copies of that buffer; the fastest is the device's bandwidth (the floor must bound every honest kernel). */
    public static final int COPY_BANDWIDTH_REPETITIONS = 5;

    /**
     * Time the scoring worker needs beyond its measurement budgets (start-up, module loading, allocation,
     * the bandwidth probe, verification after the last sample): added to warm-up and sampling budgets to
     * give the whole job's limit, while each call keeps the per-call limit.
     */
    public static final Duration SCORE_JOB_OVERHEAD = Duration.ofMinutes(2);

    /**
     * The emulator diagnostics on while verifying: every one it has. A race or a read of never-written memory
     * that happens to give the right answer on the emulator's schedule is still a bug on hardware.
     */
    public static final Set<Check> VERIFY_CHECKS = Set.of(Check.MEMCHECK, Check.INITCHECK, Check.RACECHECK,
            Check.SYNCCHECK, Check.ASYNCCHECK, Check.SPINLINT);

    // ---- launch plans (dev.scanbench.harness.plan) ----

    /**
     * Deepest nesting of a plan expression (parentheses, function arguments, unary minus): 32. Real plans nest
     * two or three levels; the limit keeps a hostile plan (3,000 parentheses) a plan error instead of a stack
     * overflow in the parser or in the evaluation of what it built.
     */
    public static final int PLAN_MAX_EXPRESSION_DEPTH = 32;

    /**
     * Most tokens in one plan expression: 256, ten times a complicated real one. It bounds the depth of a long
     * chain such as {@code 1+1+1+...}, which the evaluation walks recursively, and the work of checking it.
     */
    public static final int PLAN_MAX_EXPRESSION_TOKENS = 256;

    // ---- compilation (dev.scanbench.harness.compile) ----

    /**
     * nvcc flags for {@code .cu} candidates: full optimisation for the H100's sm_90a, output PTX. {@code -lineinfo}
     * adds {@code .loc} line tables only (no change to the generated code), so that emulator faults and
     * diagnostics name the candidate's {@code .cu} line.
     */
    public static final List<String> NVCC_FLAGS = List.of("-O3", "-arch=sm_90a", "-lineinfo");
    /**
     * ptxas flags, as nvcc itself passes them for sm_90a, plus {@code -v} for resource usage. The cubin is
     * assembled from the very PTX the static checks read, so the two can never disagree.
     */
    public static final List<String> PTXAS_FLAGS = List.of("-arch=sm_90a", "-m64", "-v");
    /**
     * Time limit for compiling one candidate, every step together (nvcc and ptxas, or the Triton bridge and
     * ptxas): 180 s. Heavy templates (CUB) take tens of seconds here; an include that never ends or a Triton
     * module that loops on import is killed at the limit and the candidate rejected. {@code --compile-timeout S}
     * overrides it.
     */
    public static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(180);

    /** Time limit for {@code --version} queries. */
    public static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    /** Where other toolkits put nvcc when it is not on PATH and CUDA_HOME is unset. */
    public static final Path STANDARD_CUDA_BIN = Path.of("/usr/local/cuda/bin");

    /**
     * System property naming another cache folder; the build sets it so that tests of the CLI leave the
     * user's cache alone.
     */
    public static final String CACHE_PROPERTY = "workbench.cache.dir";

    /** The default cache folder: {@code ~/.workbench/cache}, or the {@link #CACHE_PROPERTY} folder when set. */
    public static Path cacheDirectory() {
        String override = System.getProperty(CACHE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".workbench", "cache");
    }

    private Defaults() {
    }
}

package dev.scanbench.harness;

import java.time.Duration;

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
     * the CLI, since n = 10^8 on the CPU oracle holds x, y and the expected output (400 MB each).
     */
    public static final String WORKER_HEAP = "4g";

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

    private Defaults() {
    }
}

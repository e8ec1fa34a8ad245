package dev.scanbench.sandbox;

import java.nio.file.Path;
import java.util.List;

/** The sandbox's defaults, one documented constant each. */
public final class SandboxDefaults {
    /**
     * The user id a contained process runs as when the workbench runs as root: 65534 ({@code nobody}), so that it
     * owns nothing on the machine and the kernel's checks for root (sysctls, root-owned files) never pass for it.
     * A workbench run by an ordinary user keeps that user's id inside a user namespace instead.
     */
    public static final int ROOT_SANDBOX_UID = 65534;

    /** The group id to go with {@link #ROOT_SANDBOX_UID}: 65534 ({@code nogroup}). */
    public static final int ROOT_SANDBOX_GID = 65534;

    /** Largest file a contained process may write (RLIMIT_FSIZE): 1 GiB, far above any PTX, cubin or log. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    /** Size of the private {@code /tmp} (a tmpfs in memory): 1 GiB, room for nvcc's intermediate files. */
    public static final long TMP_BYTES = 1L << 30;

    /**
     * Most processes and threads of the sandbox user (RLIMIT_NPROC), applied when running as root only: 4096, room
     * for a worker JVM's threads and nvcc's pipeline, and a stop to a fork bomb. An ordinary user's own processes
     * count against that limit too, so for them it is not set.
     */
    public static final int MAX_PROCESSES = 4096;

    /** Bytes of each of stdout and stderr a {@link RunResult} keeps: the first 1 MiB (the first errors matter). */
    public static final int MAX_OUTPUT_BYTES = 1 << 20;

    /**
     * Most local files (headers it includes, modules it imports) a candidate may bring into a contained compile:
     * 256. They are copied into the sandbox, and each is part of the cache key and the log entry.
     */
    public static final int MAX_SOURCE_FILES = 256;

    /** Most bytes those local files may hold together: 16 MiB. */
    public static final long MAX_SOURCE_BYTES = 16L << 20;

    /** System property that turns the sandbox off ({@code off}) or leaves it to detection ({@code auto}, default). */
    public static final String MODE_PROPERTY = "workbench.sandbox";

    /** Environment variable with the same meaning as {@link #MODE_PROPERTY}; the property wins. */
    public static final String MODE_ENV = "WORKBENCH_SANDBOX";

    /** Where bubblewrap is looked for after PATH. */
    public static final List<Path> BWRAP_FALLBACKS = List.of(Path.of("/usr/bin/bwrap"), Path.of("/bin/bwrap"));

    /**
     * Environment variables a contained process inherits when they are set (everything else is cleared): the
     * library path (a CUDA driver), which GPUs are visible, and which CUDA driver the worker loads (the harness's
     * {@code WORKBENCH_CUDA_DRIVER=software} switch, which the scoring worker must see as its parent does).
     */
    public static final List<String> PASSED_ENVIRONMENT = List.of("LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "TZ",
            "WORKBENCH_CUDA_DRIVER");

    /** PATH inside the sandbox (system folders; a {@link Jail} may prepend more). */
    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private SandboxDefaults() {
    }
}

package dev.scanbench.tritonbridge;

import java.nio.file.Path;
import java.time.Duration;

/** The Triton bridge's defaults, one documented constant each. */
public final class TritonDefaults {
    /** The pinned Triton release: its PTX, metadata layout and hidden parameters are what this code expects. */
    public static final String TRITON_VERSION = "3.8.0";
    /** The compute capability kernels are compiled for (H100: sm_90, emitted as {@code .target sm_90a}). */
    public static final int ARCH = 90;
    /** Triton's default warps per program, used when a plan does not say. */
    public static final int NUM_WARPS = 4;
    /** Triton's default software-pipelining depth on sm_90, used when a plan does not say. */
    public static final int NUM_STAGES = 3;
    /** Time limit for one bridge run; importing Triton takes ~2 s and a kernel compiles in seconds. */
    public static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(300);
    /** Time limit for creating the virtual environment (a ~250 MB wheel from pip's index). */
    public static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(30);
    /** Time limit for a version query of the environment's Python. */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(120);
    /** The Python that creates the environment, unless {@code WORKBENCH_PYTHON} names another. */
    public static final String BASE_PYTHON = "python3";

    private TritonDefaults() {
    }

    /**
     * The environment's folder: {@code ~/.workbench/triton-venv-<version>}, outside any clone, so every clone
     * on a machine shares one installation.
     */
    public static Path venvDirectory() {
        return Path.of(System.getProperty("user.home"), ".workbench", "triton-venv-" + TRITON_VERSION);
    }

    /**
     * The system property naming the workbench's compile cache folder (the harness's {@code workbench.cache.dir},
     * which the tests point into {@code target/}); Triton builds go to its {@code triton} subfolder.
     */
    public static final String CACHE_PROPERTY = "workbench.cache.dir";

    /** The folder of compiled Triton kernels: {@code ~/.workbench/cache/triton}, or under {@link #CACHE_PROPERTY}. */
    public static Path cacheDirectory() {
        String override = System.getProperty(CACHE_PROPERTY);
        Path root = override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".workbench", "cache");
        return root.resolve("triton");
    }

    /** The base Python: {@code $WORKBENCH_PYTHON} when set, else {@link #BASE_PYTHON} from PATH. */
    public static String basePython() {
        String env = System.getenv("WORKBENCH_PYTHON");
        return env == null || env.isBlank() ? BASE_PYTHON : env;
    }
}

package dev.scanbench.harness.compile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The compilation defaults, one documented constant each. */
public final class CompileDefaults {
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
    /** Time limit for one compiler process; heavy templates (CUB) take tens of seconds, a hang never ends. */
    public static final Duration COMPILER_TIMEOUT = Duration.ofSeconds(180);
    /** Time limit for {@code --version} queries. */
    public static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    /** Where other toolkits put nvcc when it is not on PATH and CUDA_HOME is unset. */
    public static final Path STANDARD_CUDA_BIN = Path.of("/usr/local/cuda/bin");

    private CompileDefaults() {
    }

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
}

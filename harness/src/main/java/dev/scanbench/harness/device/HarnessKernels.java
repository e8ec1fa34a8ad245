package dev.scanbench.harness.device;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.LoadedModule;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.ParamPacker;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.NvccCompiler;
import dev.scanbench.harness.plan.Dim3;
import dev.scanbench.harness.ptx.PtxEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The harness's own device kernels ({@code harness_kernels.cu}, compiled with nvcc at run time and cached):
 * input generation bit-identical to {@link InputPattern#fill}, canary fill, exact comparison and the input
 * checksum. Loaded once per backend; every call is enqueued on the backend's stream, and the calls that
 * return a value copy 16 bytes back.
 */
public final class HarnessKernels implements AutoCloseable {
    /** Class-path location of the CUDA source. */
    static final String RESOURCE = "harness_kernels.cu";

    private final Backend backend;
    private final Artifact artifact;
    private final LoadedModule module;
    private final DeviceBuffer result;

    private HarnessKernels(Backend backend, Artifact artifact, LoadedModule module, DeviceBuffer result) {
        this.backend = backend;
        this.artifact = artifact;
        this.module = module;
        this.result = result;
    }

    /** The CUDA source of the kernels. */
    public static String source() throws IOException {
        try (InputStream in = HarnessKernels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the workbench jar lacks its resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Compiles the kernels (a cache hit after the first time). */
    public static Artifact compile(NvccCompiler compiler) throws IOException, CompileException {
        return compiler.compileHarness(RESOURCE, source());
    }

    /** Loads compiled kernels into a backend and allocates their 16-byte result buffer. */
    public static HarnessKernels load(Backend backend, Artifact artifact) throws BackendException {
        LoadedModule module = backend.load(ModuleImage.of(artifact.ptx(), artifact.cubin()));
        try {
            return new HarnessKernels(backend, artifact, module, backend.allocate(16));
        } catch (BackendException e) {
            module.close();
            throw e;
        }
    }

    /** Overwrites {@code x[0..n)} with the pattern's values for {@code seed}. */
    public void generate(DeviceBuffer x, long n, long seed, InputPattern pattern) throws BackendException {
        launch("wb_generate", n, x.address(), n, seed, pattern.ordinal());
    }

    /** Overwrites {@code y[0..n)} with {@link Canary#value}{@code (seed, i)}. */
    public void fillCanary(DeviceBuffer y, long n, long seed) throws BackendException {
        launch("wb_fill_canary", n, y.address(), n, seed);
    }

    /** Compares {@code y[0..n)} with {@code expected[0..n)} on the device; waits for the answer. */
    public CompareResult compare(DeviceBuffer y, DeviceBuffer expected, long n) throws BackendException {
        backend.copyIn(result, new int[] {0, 0, -1, -1});
        launch("wb_compare", n, y.address(), expected.address(), n, result.address());
        long[] r = readResult();
        return new CompareResult(r[0], r[0] == 0 ? -1 : r[1]);
    }

    /** The keyed checksum of {@code x[0..n)}; waits for the answer. */
    public long checksum(DeviceBuffer x, long n, long key) throws BackendException {
        backend.copyIn(result, new int[] {0, 0, 0, 0});
        launch("wb_checksum", n, x.address(), n, key, result.address());
        return readResult()[0];
    }

    private long[] readResult() throws BackendException {
        backend.synchronize();
        int[] words = new int[4];
        backend.copyOut(result, words);
        return new long[] {pair(words[0], words[1]), pair(words[2], words[3])};
    }

    private static long pair(int lo, int hi) {
        return (lo & 0xFFFFFFFFL) | ((long) hi << 32);
    }

    private void launch(String entryName, long n, long... values) throws BackendException {
        PtxEntry entry = artifact.signature().resolve(entryName).orElseThrow(
                () -> new BackendException(RESOURCE + " defines no entry " + entryName));
        long blocks = Math.max(1, Math.min(Defaults.HARNESS_MAX_GRID,
                (n + Defaults.HARNESS_BLOCK - 1) / Defaults.HARNESS_BLOCK));
        backend.launch(module, entry.name(), new Dim3(blocks, 1, 1), new Dim3(Defaults.HARNESS_BLOCK, 1, 1), 0,
                ParamPacker.packValues(entry, values));
    }

    /** Frees the result buffer and unloads the module. */
    @Override
    public void close() throws BackendException {
        try {
            result.close();
        } finally {
            module.close();
        }
    }
}

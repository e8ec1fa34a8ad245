package dev.scanbench.harness.device;

import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.LoadedModule;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.ParamPacker;
import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.plan.Dim3;
import dev.scanbench.harness.ptx.PtxEntry;

/**
 * The harness's work as the kernels of {@code harness_kernels.cu}, loaded once into a backend: every call is
 * enqueued on its stream, and the calls that return a value copy 16 bytes back.
 */
final class KernelHarnessWork implements HarnessWork {
    private final Backend backend;
    private final Artifact artifact;
    private final LoadedModule module;
    private final DeviceBuffer result;

    private KernelHarnessWork(Backend backend, Artifact artifact, LoadedModule module, DeviceBuffer result) {
        this.backend = backend;
        this.artifact = artifact;
        this.module = module;
        this.result = result;
    }

    /** Loads the compiled kernels into a backend and allocates their 16-byte result buffer. */
    static KernelHarnessWork load(Backend backend, Artifact artifact) throws BackendException {
        LoadedModule module = backend.load(ModuleImage.of(artifact.ptx(), artifact.cubin()));
        try {
            return new KernelHarnessWork(backend, artifact, module, backend.allocate(16, "the harness's result word"));
        } catch (BackendException e) {
            module.close();
            throw e;
        }
    }

    @Override
    public void generate(DeviceBuffer x, long from, long to, long seed, InputPattern pattern) throws BackendException {
        launch("wb_generate", to - from, x.address() + 4 * from, to - from, seed, pattern.ordinal());
    }

    @Override
    public void fillCanary(DeviceBuffer y, long n, long seed) throws BackendException {
        launch("wb_fill_canary", n, y.address(), n, seed);
    }

    @Override
    public CompareResult compare(DeviceBuffer y, DeviceBuffer expected, long n) throws BackendException {
        backend.copyIn(result, new int[] {0, 0, -1, -1});
        launch("wb_compare", n, y.address(), expected.address(), n, result.address());
        long[] r = readResult();
        return new CompareResult(r[0], r[0] == 0 ? -1 : r[1]);
    }

    @Override
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
                () -> new BackendException(HarnessKernels.RESOURCE + " defines no entry " + entryName));
        long blocks = Math.max(1, Math.min(Defaults.HARNESS_MAX_GRID,
                (n + Defaults.HARNESS_BLOCK - 1) / Defaults.HARNESS_BLOCK));
        backend.launch(module, entry.name(), new Dim3(blocks, 1, 1), new Dim3(Defaults.HARNESS_BLOCK, 1, 1), 0,
                ParamPacker.packValues(entry, values));
    }

    @Override
    public void close() throws BackendException {
        try {
            result.close();
        } finally {
            module.close();
        }
    }
}

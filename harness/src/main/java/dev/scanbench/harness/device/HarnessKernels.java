package dev.scanbench.harness.device;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.NvccCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The harness's own device work: input generation bit-identical to {@link InputPattern#fill}, canary fill, exact
 * comparison and the input checksum. On a GPU (and the software CUDA driver) it is the kernels of
 * {@code harness_kernels.cu}, compiled with nvcc at run time and cached, enqueued on the backend's stream, so a
 * 10^8-element iteration never copies x or y to the host; the calls that return a value copy 16 bytes back. Where
 * device memory is the JVM's own ({@link Backend#hostMemory}, the emulator) the same work is done in Java on that
 * memory: the same values, and no emulation of the harness (which cost four times the candidate's own run in
 * every gate case, with every diagnostic on).
 */
public final class HarnessKernels implements AutoCloseable {
    /** Class-path location of the CUDA source. */
    static final String RESOURCE = "harness_kernels.cu";

    private final HarnessWork work;

    private HarnessKernels(HarnessWork work) {
        this.work = work;
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

    /**
     * The harness work for a backend: in Java on memory the JVM holds ({@link Backend#hostMemory}), otherwise
     * the compiled kernels loaded into it with their 16-byte result buffer.
     */
    public static HarnessKernels load(Backend backend, Artifact artifact) throws BackendException {
        return backend.hostMemory() ? new HarnessKernels(new HostHarnessWork(backend)) : loadKernels(backend, artifact);
    }

    /** The compiled kernels loaded into the backend, whatever its memory (to test the kernels themselves). */
    public static HarnessKernels loadKernels(Backend backend, Artifact artifact) throws BackendException {
        return new HarnessKernels(KernelHarnessWork.load(backend, artifact));
    }

    /** Overwrites {@code x[0..n)} with the pattern's values for {@code seed}. */
    public void generate(DeviceBuffer x, long n, long seed, InputPattern pattern) throws BackendException {
        generate(x, 0, n, seed, pattern);
    }

    /**
     * Overwrites {@code x[from..to)} with the pattern's values for {@code seed}, counted from {@code from}: x[from + i]
     * is what {@link InputPattern#fill} puts at index i. Splices a new tail onto an input.
     */
    public void generate(DeviceBuffer x, long from, long to, long seed, InputPattern pattern) throws BackendException {
        if (from < 0 || to < from || 4 * to > x.bytes()) {
            throw new IllegalArgumentException("generate x[" + from + ".." + to + ") in a buffer of " + x.bytes()
                    + " bytes");
        }
        work.generate(x, from, to, seed, pattern);
    }

    /** Overwrites {@code y[0..n)} with {@link Canary#value}{@code (seed, i)}. */
    public void fillCanary(DeviceBuffer y, long n, long seed) throws BackendException {
        work.fillCanary(y, n, seed);
    }

    /** Compares {@code y[0..n)} with {@code expected[0..n)}; waits for the answer. */
    public CompareResult compare(DeviceBuffer y, DeviceBuffer expected, long n) throws BackendException {
        return work.compare(y, expected, n);
    }

    /** The keyed checksum of {@code x[0..n)} ({@code wb_checksum} in harness_kernels.cu); waits for the answer. */
    public long checksum(DeviceBuffer x, long n, long key) throws BackendException {
        return work.checksum(x, n, key);
    }

    /** Frees what the work holds on the device (the kernels' module and result buffer). */
    @Override
    public void close() throws BackendException {
        work.close();
    }
}

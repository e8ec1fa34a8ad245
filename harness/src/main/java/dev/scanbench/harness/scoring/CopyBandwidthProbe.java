package dev.scanbench.harness.scoring;

import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.DeviceEvent;
import dev.scanbench.harness.backend.LoadedModule;
import dev.scanbench.harness.backend.PackedParams;
import dev.scanbench.harness.backend.ParamPacker;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.NvccCompiler;
import dev.scanbench.harness.measure.CopyBandwidth;
import dev.scanbench.harness.plan.Dim3;
import dev.scanbench.harness.ptx.PtxEntry;
import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.worker.WorkerChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Measures the device's copy bandwidth with the workbench's own copy kernel ({@code copy_bandwidth.cu}): one
 * untimed copy, then {@link Defaults#COPY_BANDWIDTH_REPETITIONS} copies of {@link Defaults#COPY_BANDWIDTH_BYTES}
 * timed by events; the fastest is the bandwidth, so the physical floor derived from it bounds every honest run.
 */
public final class CopyBandwidthProbe {
    static final String RESOURCE = "copy_bandwidth.cu";
    static final String ENTRY = "wb_copy";
    /** Bytes one thread copies (an int4). */
    private static final int BYTES_PER_THREAD = 16;
    private static final int BLOCK = 256;

    private CopyBandwidthProbe() {
    }

    /** Compiles the copy kernel (a cache hit after the first time). */
    public static Artifact compile(NvccCompiler compiler) throws IOException, CompileException {
        try (InputStream in = CopyBandwidthProbe.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the workbench jar lacks its resource " + RESOURCE);
            }
            return compiler.compileHarness(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Times the copies on {@code backend}, each inside a watchdog call.
     *
     * @throws BackendException when the device fails
     */
    public static CopyBandwidth measure(Backend backend, ScoreRequest.CompiledModule copy, WorkerChannel channel)
            throws BackendException, PtxFormatException {
        long bytes = Defaults.COPY_BANDWIDTH_BYTES;
        return CopyBandwidth.fromCopy(bytes, fastest(backend, copy, channel, bytes,
                Defaults.COPY_BANDWIDTH_REPETITIONS, "copy bandwidth"));
    }

    /**
     * The fastest of {@link Defaults#COPY_OF_N_REPETITIONS} one-launch copies of {@code n} int32 (x's and y's bytes:
     * the least a scan of n moves), for the physical floor at small n.
     *
     * @return the time in ms
     */
    public static double copyOfN(Backend backend, ScoreRequest.CompiledModule copy, WorkerChannel channel, long n)
            throws BackendException, PtxFormatException {
        long bytes = Math.max(BYTES_PER_THREAD, (4 * n + BYTES_PER_THREAD - 1) / BYTES_PER_THREAD * BYTES_PER_THREAD);
        return fastest(backend, copy, channel, bytes, Defaults.COPY_OF_N_REPETITIONS, "copy of n");
    }

    private static double fastest(Backend backend, ScoreRequest.CompiledModule copy, WorkerChannel channel, long bytes,
                                  int repetitions, String call) throws BackendException, PtxFormatException {
        PtxEntry entry = copy.signature().resolve(ENTRY).orElseThrow(
                () -> new PtxFormatException(0, RESOURCE + " defines no entry " + ENTRY));
        long count = bytes / BYTES_PER_THREAD;
        Dim3 grid = new Dim3((count + BLOCK - 1) / BLOCK, 1, 1);
        Dim3 block = new Dim3(BLOCK, 1, 1);
        try (LoadedModule module = backend.load(copy.image());
             DeviceBuffer source = backend.allocate(bytes);
             DeviceBuffer destination = backend.allocate(bytes)) {
            PackedParams params = ParamPacker.packValues(entry, source.address(), destination.address(), count);
            backend.fill32(source, 0x5A5A_5A5A);
            Calls.call(channel, call + " warm-up", () -> {
                backend.launch(module, entry.name(), grid, block, 0, params);
                backend.synchronize();
                return null;
            });
            double best = Double.POSITIVE_INFINITY;
            for (int i = 1; i <= repetitions; i++) {
                double ms = Calls.call(channel, call + " " + i, () -> {
                    try (DeviceEvent start = backend.record()) {
                        backend.launch(module, entry.name(), grid, block, 0, params);
                        try (DeviceEvent end = backend.record()) {
                            backend.synchronize();
                            return backend.elapsedMillis(start, end);
                        }
                    }
                });
                best = Math.min(best, ms);
            }
            return best;
        }
    }
}

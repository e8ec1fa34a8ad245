package dev.scanbench.benchmarks.emulator;

import dev.scanbench.emulator.Device;
import dev.scanbench.emulator.DevicePointer;
import dev.scanbench.emulator.Dim3;
import dev.scanbench.emulator.Emulator;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.emulator.LaunchResult;
import dev.scanbench.emulator.PtxModule;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of one decoupled look-back scan of n elements (2^24: 8192 tiles of 2048), diagnostics off, with
 * an H100-like residency of 132 SMs x {@code ctasPerSm} CTAs. The target is at most 10 s.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LargeLookBackScanBenchmark</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@State(Scope.Benchmark)
public class LargeLookBackScanBenchmark {
    /** Resident CTAs per SM (132 SMs). */
    @Param({"2"})
    public int ctasPerSm;

    /** Elements (2^24 by default; the task scores at 10^8). */
    @Param({"16777216"})
    public int n;

    private PtxModule module;
    private Device device;
    private DevicePointer in;
    private DevicePointer out;
    private DevicePointer state;
    private DevicePointer ticket;

    /** Compiles the kernel and uploads the input. */
    @Setup
    public void setUp() throws Exception {
        module = Emulator.load(KernelSource.ptx("lookback_scan.cu"));
        device = new Device();
        in = device.alloc(4L * n);
        out = device.alloc(4L * n);
        state = device.alloc(8L * tiles());
        ticket = device.alloc(4);
        device.copyIn(in, new Random(1).ints(n, -10, 10).toArray());
    }

    private int tiles() {
        return (n + 2047) / 2048;
    }

    /** One launch over n elements. */
    @Benchmark
    public LaunchResult scan() throws Exception {
        device.memset(state, (byte) 0, 8L * tiles());
        device.memset(ticket, (byte) 0, 4);
        LaunchResult r = device.launch(module, "lookback_scan", Dim3.of(tiles()), Dim3.of(256), 0,
                LaunchOptions.defaults().withResidency(132, ctasPerSm), in, out, state, ticket, n);
        if (r.status() != LaunchResult.Status.COMPLETED) {
            throw new IllegalStateException("scan did not complete: " + r.diagnostics());
        }
        return r;
    }
}

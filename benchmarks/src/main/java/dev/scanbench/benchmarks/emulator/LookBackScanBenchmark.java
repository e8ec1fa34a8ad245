package dev.scanbench.benchmarks.emulator;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.Device;
import dev.scanbench.emulator.DevicePointer;
import dev.scanbench.emulator.Dim3;
import dev.scanbench.emulator.Emulator;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.emulator.LaunchResult;
import dev.scanbench.emulator.PtxModule;
import java.util.EnumSet;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Emulator throughput on a realistic kernel: the decoupled look-back scan compiled by nvcc, one launch per
 * operation, on one core. The {@code warpInstructions} and {@code threadInstructions} aux counters are
 * rates (per second); {@code check} switches one diagnostic on to measure its slowdown.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LookBackScanBenchmark</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@State(Scope.Benchmark)
public class LookBackScanBenchmark {
    /** Elements scanned per launch. */
    @Param({"1048576"})
    public int n;

    /** "NONE", one {@link Check} name, or "ALL". */
    @Param({"NONE", "MEMCHECK", "INITCHECK", "RACECHECK", "SYNCCHECK", "ASYNCCHECK", "SPINLINT", "ALL"})
    public String check;

    private PtxModule module;
    private Device device;
    private DevicePointer in;
    private DevicePointer out;
    private DevicePointer state;
    private DevicePointer ticket;
    private int tiles;
    private LaunchOptions options;

    /** Instructions executed, reported by JMH as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Executed {
        /** Warp-instructions (one per warp and instruction). */
        public long warpInstructions;
        /** Thread-instructions (one per active thread and instruction). */
        public long threadInstructions;
    }

    /** Compiles the kernel with nvcc and uploads a random input. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        module = Emulator.load(KernelSource.ptx("lookback_scan.cu"));
        device = new Device();
        tiles = (n + 2047) / 2048;
        in = device.alloc(4L * n);
        out = device.alloc(4L * n);
        state = device.alloc(8L * tiles);
        ticket = device.alloc(4);
        device.copyIn(in, new Random(1).ints(n, -10, 10).toArray());
        EnumSet<Check> checks = switch (check) {
            case "NONE" -> EnumSet.noneOf(Check.class);
            case "ALL" -> EnumSet.of(Check.MEMCHECK, Check.INITCHECK, Check.RACECHECK, Check.SYNCCHECK,
                    Check.ASYNCCHECK, Check.SPINLINT);
            default -> EnumSet.of(Check.valueOf(check));
        };
        options = LaunchOptions.defaults().withChecks(checks).withResidency(132, 2);
    }

    /** Releases the device. */
    @TearDown(Level.Trial)
    public void tearDown() {
        device.close();
    }

    /** One complete launch of the scan. */
    @Benchmark
    public LaunchResult scan(Executed executed) throws Exception {
        device.memset(state, (byte) 0, 8L * tiles);
        device.memset(ticket, (byte) 0, 4);
        LaunchResult r = device.launch(module, "lookback_scan", Dim3.of(tiles), Dim3.of(256), 0, options, in, out,
                state, ticket, n);
        if (r.status() != LaunchResult.Status.COMPLETED) {
            throw new IllegalStateException("scan did not complete: " + r.diagnostics());
        }
        executed.warpInstructions += r.counters().warpInstructions();
        executed.threadInstructions += r.counters().threadInstructions();
        return r;
    }
}

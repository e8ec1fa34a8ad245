package dev.scanbench.benchmarks.harness;

import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.NvccCompiler;
import dev.scanbench.harness.compile.Toolchain;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.verify.BatteryMatrix;
import dev.scanbench.harness.verify.BatteryReport;
import dev.scanbench.harness.verify.CorrectnessBattery;
import dev.scanbench.harness.verify.SecretSeed;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Wall time of the emulator's whole correctness gate ({@code workbench verify}, and {@code score} before anything
 * is counted) on a shipped kernel, every diagnostic on, its units on {@code threads} threads. Run from the
 * repository root (the kernel is read from {@code kernels/}, compiled by nvcc); one fixed seed, so every
 * iteration runs the same 199 cases.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar harness.GateBenchmark</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@State(Scope.Benchmark)
public class GateBenchmark {
    /** Units run at once. */
    @Param({"1", "2"})
    public int threads;

    /** The kernel, from the repository root. */
    @Param({"kernels/04_lookback_single_thread.cu"})
    public String kernel;

    /**
     * CPU seconds of the benchmark thread, summed over the gates of an iteration (one per single shot). With
     * {@code threads = 1} the battery runs every unit on that thread, so this is the gate's own CPU time, without the
     * time the thread waited for a core that another process held. With more threads the units run on the battery's
     * threads and this counts only the waiting caller.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        /** CPU seconds of the calling thread in gates so far. */
        public double callerCpuSeconds;
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private CorrectnessBattery battery;
    private BatteryMatrix gate;
    private SecretSeed seed;

    /** Compiles the kernel and the harness's kernels (no cache: nvcc runs once per fork). */
    @Setup
    public void setUp() throws Exception {
        NvccCompiler nvcc = new NvccCompiler(Toolchain.locate(), Optional.empty(), Defaults.COMPILE_TIMEOUT);
        PreparedCandidate candidate = new CandidateLoader(nvcc).prepare(Candidate.read(Path.of(kernel)));
        Artifact harness = HarnessKernels.compile(nvcc);
        battery = new CorrectnessBattery(candidate, harness, CorrectnessBattery.verdictOptions()).withThreads(threads);
        seed = SecretSeed.of(0x6A7E_BE7C_0000_0001L);
        gate = BatteryMatrix.emulatorGate(Defaults.EMULATOR_SCORE_N, seed);
    }

    /** One whole gate; fails the benchmark if the kernel does not pass it. */
    @Benchmark
    public int gate(CpuTime cpu) throws Exception {
        long c0 = THREADS.getCurrentThreadCpuTime();
        BatteryReport r = battery.run(gate, seed, line -> { });
        cpu.callerCpuSeconds += (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
        if (!r.ok()) {
            throw new IllegalStateException(kernel + " failed the gate: " + r.failure().orElseThrow().message());
        }
        return r.passed().size();
    }
}

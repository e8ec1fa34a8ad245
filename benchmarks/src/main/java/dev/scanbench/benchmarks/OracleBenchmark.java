package dev.scanbench.benchmarks;

import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.baseline.oracle.Oracle;
import dev.scanbench.baseline.oracle.ParallelOracle;
import dev.scanbench.baseline.oracle.SequentialOracle;
import dev.scanbench.baseline.task.TaskSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU oracles on a scoring-size input, next to a parallel copy of the same arrays: the copy is the memory
 * bandwidth yardstick the parallel oracle is judged against (target: at most 1.5 times the copy).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar OracleBenchmark -f 1 -wi 3 -i 5 -jvmArgs -Xmx4g}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OracleBenchmark {

    /** Elements per array; the scoring size by default. */
    @Param({"" + TaskSpec.DEFAULT_N})
    public int n;

    /** Threads for the parallel oracle and the copy; 0 means every available processor. */
    @Param({"0"})
    public int threads;

    private int[] x;
    private int[] y;
    private Oracle sequential;
    private Oracle parallel;
    private ParallelCopy copy;

    /** Generates the input once per trial: generation is not what is measured. */
    @Setup(Level.Trial)
    public void setUp() {
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        x = InputGenerator.generate(1, n);
        y = new int[n];
        sequential = new SequentialOracle();
        parallel = new ParallelOracle(t);
        copy = new ParallelCopy(t);
    }

    /**
     * The definition on one thread.
     *
     * @return the output, so the work cannot be eliminated
     */
    @Benchmark
    public int[] sequentialOracle() {
        sequential.scan(x, y);
        return y;
    }

    /**
     * The two-pass monoid scan on all threads.
     *
     * @return the output, so the work cannot be eliminated
     */
    @Benchmark
    public int[] parallelOracle() {
        parallel.scan(x, y);
        return y;
    }

    /**
     * x copied into y by the same number of threads: reads and writes exactly what a scan must.
     *
     * @return the output, so the work cannot be eliminated
     */
    @Benchmark
    public int[] parallelCopy() {
        copy.copy(x, y);
        return y;
    }
}

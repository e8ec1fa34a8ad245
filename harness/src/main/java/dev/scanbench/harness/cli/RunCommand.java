package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.baseline.npy.Npy;
import dev.scanbench.baseline.oracle.Oracle;
import dev.scanbench.baseline.oracle.ParallelOracle;
import dev.scanbench.baseline.oracle.SequentialOracle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `workbench run --baseline`: the CPU oracle on an input file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run the task on an input .npy file and write the output .npy.",
            "--baseline runs the CPU oracle (the exact definition; --parallel by default, bit-identical to --sequential). The output can be compared with numpy or with a kernel's output."
        })
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", required = true,
            description = "Run the CPU oracle (the only runner until kernel backends exist).")
    boolean baseline;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--parallel", description = "Chunked scan over all cores (default).")
        boolean parallel;

        @Option(names = "--sequential", description = "The plain left-to-right definition, one core.")
        boolean sequential;
    }

    @Option(names = {"-i", "--input"}, required = true, description = "Input x: int32 1-D .npy.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, description = "Output y: int32 1-D .npy (replaced atomically).")
    Path output;

    @Option(names = "--json", description = "Print the result as JSON (for agents).")
    boolean json;

    @Override
    public Integer call() throws IOException, CliFailure {
        Progress progress = Progress.to(spec.commandLine().getErr());
        progress.say("reading %s", input);
        int[] x = Npy.readInt32(input);
        HeapBudget.require(2L * x.length, "the output for n = " + x.length);
        int[] y = new int[x.length];
        Oracle oracle = mode.sequential ? new SequentialOracle() : new ParallelOracle();
        progress.say("scanning %,d values with the %s oracle", x.length, oracle.name());
        long start = System.nanoTime();
        oracle.scan(x, y);
        double ms = (System.nanoTime() - start) / 1e6;
        Npy.writeInt32(output, y);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = Json.object();
            node.put("input", input.toAbsolutePath().toString());
            node.put("output", output.toAbsolutePath().toString());
            node.put("n", x.length);
            node.put("oracle", oracle.name());
            node.put("scan_ms", ms);
            node.put("last", x.length == 0 ? 0 : y[x.length - 1]);
            Json.print(out, node);
        } else {
            out.printf("%s oracle: n = %,d, scan %.1f ms, y[n-1] = %s -> %s%n", oracle.name(), x.length, ms,
                    x.length == 0 ? "-" : Integer.toString(y[x.length - 1]), output);
        }
        return ExitCode.OK;
    }
}

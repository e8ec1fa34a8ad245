package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.baseline.npy.Npy;
import dev.scanbench.baseline.task.TaskSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `workbench generate`: a seeded task input as a numpy-compatible int32 .npy file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {
            "Write a seeded input x (int32, 1-D .npy, readable by numpy.load) for the task.",
            "Element i depends only on (seed, i) through a counter-based integer hash, so the same seed gives the same input on every machine (and, later, on the GPU without a transfer)."
        })
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "0", description = "Generator seed, any 64-bit integer (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--n", defaultValue = "" + TaskSpec.DEFAULT_N,
            description = "Number of elements (default: ${DEFAULT-VALUE}, the scoring size).")
    int n;

    @Option(names = "--pattern", defaultValue = "RANDOM",
            description = "Value pattern: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the scoring distribution).")
    InputPattern pattern;

    @Option(names = {"-o", "--output"}, required = true, description = "The .npy file to write (replaced atomically).")
    Path output;

    @Option(names = "--json", description = "Print the result as JSON (for agents).")
    boolean json;

    @Override
    public Integer call() throws IOException, CliFailure {
        if (n < 0) {
            throw new ParameterException(spec.commandLine(), "--n must be >= 0, got " + n);
        }
        HeapBudget.require(n, "n = " + n);
        Progress progress = Progress.to(spec.commandLine().getErr());
        long start = System.nanoTime();
        int[] x = new int[n];
        pattern.fill(seed, x);
        progress.say("generated %,d values; writing %s", n, output);
        Npy.writeInt32(output, x);
        double ms = (System.nanoTime() - start) / 1e6;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = Json.object();
            node.put("output", output.toAbsolutePath().toString());
            node.put("n", n);
            node.put("seed", seed);
            node.put("pattern", pattern.name());
            node.put("elapsed_ms", ms);
            Json.print(out, node);
        } else {
            out.printf("wrote %,d int32 values (%s, seed %d) to %s in %.0f ms%n", n, pattern, seed, output, ms);
        }
        return ExitCode.OK;
    }
}

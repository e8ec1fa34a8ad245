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
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceFaultException;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.candidate.StaticCheckException;
import dev.scanbench.harness.candidate.UnsupportedCandidateException;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.harness.plan.PlanException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `workbench run KERNEL | --baseline`: a kernel's plan, or the CPU oracle, on an input file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run the task on an input .npy file and write the output .npy.",
            "KERNEL (.cu or .ptx with its @plan) runs once on --backend (auto: CUDA when a device is present, else the PTX emulator with its diagnostics on); nothing is verified or timed.",
            "--baseline runs the CPU oracle (the exact definition; --parallel by default, bit-identical to --sequential). The output can be compared with numpy or with a kernel's output."
        })
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    CompileOptions compileOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KERNEL", description = "The kernel file to run (.cu or .ptx).")
    Path kernel;

    @Option(names = "--baseline", description = "Run the CPU oracle instead of a kernel.")
    boolean baseline;

    @Option(names = "--backend", defaultValue = "auto",
            description = "For KERNEL: auto, cuda or emulator (default: ${DEFAULT-VALUE}).")
    String backend;

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
        if (baseline == (kernel != null)) {
            throw new ParameterException(spec.commandLine(), "give either a KERNEL or --baseline");
        }
        if (kernel != null) {
            return runKernel();
        }
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

    private int runKernel() throws IOException, CliFailure {
        BackendChoice choice;
        try {
            choice = BackendChoice.valueOf(backend.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--backend must be auto, cuda or emulator, not " + backend);
        }
        Candidate candidate = CandidateInput.read(kernel);
        PreparedCandidate prepared;
        try {
            prepared = new CandidateLoader(compileOptions.compiler()).prepare(candidate);
        } catch (UnsupportedCandidateException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        } catch (ToolchainException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, e.getMessage());
        } catch (CompileException e) {
            throw new CliFailure(ExitCode.CHECK_FAILED, kernel + ": " + Rejection.of(e).describe());
        } catch (StaticCheckException e) {
            throw new CliFailure(ExitCode.CHECK_FAILED, kernel + ": " + Rejection.of(e).describe());
        } catch (PlanException e) {
            throw new CliFailure(ExitCode.CHECK_FAILED, kernel + ": " + Rejection.of(e).describe());
        }
        int[] x = Npy.readInt32(input);
        HeapBudget.require(2L * x.length, "the output for n = " + x.length);
        PrintWriter err = spec.commandLine().getErr();
        KernelRun.Result result;
        try (Backend device = choice.open(line -> err.println("note: " + line))) {
            result = KernelRun.run(device, prepared, x);
        } catch (PlanException e) {
            throw new CliFailure(ExitCode.CHECK_FAILED, e.getMessage());
        } catch (DeviceFaultException e) {
            throw new CliFailure(ExitCode.CHECK_FAILED, kernel + ": " + e.getMessage());
        } catch (BackendException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, kernel + ": " + e.getMessage());
        }
        Npy.writeInt32(output, result.y());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = Json.object();
            node.put("kernel", kernel.toString());
            node.put("input", input.toAbsolutePath().toString());
            node.put("output", output.toAbsolutePath().toString());
            node.put("n", x.length);
            result.describe(node);
            node.put("last", x.length == 0 ? 0 : result.y()[x.length - 1]);
            Json.print(out, node);
        } else {
            out.printf("%s on %s: n = %,d, y[n-1] = %s -> %s%n", kernel, result.device(), x.length,
                    x.length == 0 ? "-" : Integer.toString(result.y()[x.length - 1]), output);
        }
        return ExitCode.OK;
    }
}

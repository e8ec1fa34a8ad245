package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.baseline.npy.Npy;
import dev.scanbench.baseline.oracle.Oracle;
import dev.scanbench.baseline.oracle.ParallelOracle;
import dev.scanbench.baseline.oracle.SequentialOracle;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.backend.cuda.CudaProbe;
import dev.scanbench.harness.backend.emulator.PrintfOutput;
import dev.scanbench.harness.backend.emulator.UnsupportedOnEmulatorException;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.StaticCheckException;
import dev.scanbench.harness.candidate.UnsupportedCandidateException;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.scoring.Failures;
import dev.scanbench.harness.session.BackendRequest;
import dev.scanbench.harness.session.CandidateJobs;
import dev.scanbench.harness.session.CriticalPathLine;
import dev.scanbench.harness.session.EmulatorModel;
import dev.scanbench.harness.session.JobOutcome;
import dev.scanbench.harness.session.ScoreFailure;
import dev.scanbench.harness.worker.WorkerStartException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `workbench run KERNEL | --baseline`: a kernel's plan, or the CPU oracle, on an input file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run the task on an input .npy file and write the output .npy.",
            "KERNEL (.cu, .ptx or .py with its @plan) runs once on --backend (auto: CUDA when a device is present, else the PTX emulator with its diagnostics on), in a worker process under a watchdog; nothing is verified or timed. The emulator's warnings are printed on stderr.",
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

    @Option(names = "--timeout", paramLabel = "S",
            description = "For KERNEL: the run's limit in seconds (default: 120 on the emulator, 20 on a GPU).")
    Double timeout;

    @Option(names = "--json", description = "Print the result as JSON (for agents).")
    boolean json;

    @Override
    public Integer call() throws IOException, CliFailure, InterruptedException {
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

    private int runKernel() throws IOException, CliFailure, InterruptedException {
        BackendRequest request = CandidateInput.backend(backend);
        Duration limit = CandidateInput.timeout(timeout);
        Candidate candidate = CandidateInput.read(kernel);
        if (!Files.isRegularFile(input)) {
            throw new CliFailure(ExitCode.IO, input + ": no such input file");
        }
        if (!Files.isReadable(input)) {
            throw new CliFailure(ExitCode.IO, input + ": the input file cannot be read (permission denied)");
        }
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = Progress.to(err);
        CandidateJobs jobs = new CandidateJobs(compileOptions.compiler(), CandidateInput.launcher(),
                CudaProbe::unavailable, line -> progress.say("%s", line));
        CandidateJobs.Prepared prepared;
        try {
            prepared = jobs.prepare(candidate, request);
        } catch (UnsupportedCandidateException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        } catch (ToolchainException | BackendUnavailableException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, e.getMessage());
        } catch (UnsupportedOnEmulatorException e) {
            throw CandidateInput.unsupported(kernel, e);
        } catch (CompileException e) {
            throw rejected(Rejection.of(e));
        } catch (StaticCheckException e) {
            throw rejected(Rejection.of(e));
        } catch (PlanException e) {
            throw rejected(Rejection.of(e));
        }
        if (request == BackendRequest.AUTO && !prepared.cuda()) {
            err.println("note: " + prepared.backend().why());
        }
        Path work = Files.createTempDirectory("workbench-run-");
        Path produced = work.resolve("y.npy");
        try {
            JobOutcome outcome;
            try {
                outcome = jobs.run(prepared, input, produced, limit);
            } catch (WorkerStartException e) {
                throw new CliFailure(ExitCode.ENVIRONMENT, e.getMessage());
            }
            if (!outcome.completed()) {
                throw failed(outcome);
            }
            JsonNode r = outcome.result();
            // The worker wrote into a folder of the parent's; the output appears only complete, and only now.
            Files.move(produced, output.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
            PrintfOutput.print(r, err);
            r.path("warnings").forEach(w -> err.println("warning: " + w.asText()));
            PrintWriter out = spec.commandLine().getOut();
            long n = r.path("n").asLong();
            // The labelled H100 model of this run's counts (emulator only), never a time.
            EmulatorModel model = r.has("counters") && n > 0 ? EmulatorModel.of(r.get("counters"), n) : null;
            if (json) {
                ObjectNode node = Json.object();
                node.put("kernel", kernel.toString());
                node.put("input", input.toAbsolutePath().toString());
                node.put("output", output.toAbsolutePath().toString());
                node.put("n", n);
                node.set("backend", r.get("backend"));
                node.set("device", r.get("device"));
                node.set("simulated", r.get("simulated"));
                if (r.has("counters")) {
                    node.set("counters", r.get("counters"));
                }
                if (model != null) {
                    node.set("model", model.toJson());
                }
                node.set("warnings", r.get("warnings"));
                PrintfOutput.copy(r, node);
                node.set("last", r.get("last"));
                Json.print(out, node);
            } else {
                out.printf("%s on %s: n = %,d, y[n-1] = %s -> %s%n", kernel, r.path("device").asText(), n,
                        n == 0 ? "-" : r.path("last").asText(), output);
                if (model != null) {
                    JsonNode c = r.get("counters");
                    out.printf(java.util.Locale.ROOT, "counted work: %,d launches, %,d warp instructions, %,d global"
                            + " bytes read, %,d written%n", c.path("launches").asLong(),
                            c.path("warp_instructions").asLong(), c.path("global_bytes_read").asLong(),
                            c.path("global_bytes_written").asLong());
                    if (c.has("chain_hops")) {
                        out.println(CriticalPathLine.of(c));
                    }
                    model.lines().forEach(out::println);
                }
            }
            return ExitCode.OK;
        } finally {
            Files.deleteIfExists(produced);
            Files.deleteIfExists(work);
        }
    }

    /** A candidate refused before running: exit 1, the stage and message (and diagnostics) in the JSON error. */
    private CliFailure rejected(Rejection r) {
        ObjectNode details = Json.object();
        details.put("kernel", kernel.toString());
        details.set("rejection", r.toJson());
        return new CliFailure(ExitCode.CHECK_FAILED, "rejected", kernel + ": " + r.describe(), details);
    }

    /** The worker gave no output: a fault, a hang, a crash (exit 1), or the environment's or a file's fault. */
    private CliFailure failed(JobOutcome outcome) {
        ScoreFailure f = outcome.failure();
        PrintfOutput.print(f.details(), spec.commandLine().getErr());
        ObjectNode details = Json.object();
        details.put("kernel", kernel.toString());
        details.put("failure", f.kind());
        details.set("details", f.details());
        // The worker's messages for a launch already start with the kernel's path.
        String message = f.message().startsWith(kernel + ": ") ? f.message() : kernel + ": " + f.message();
        if (outcome.environment()) {
            return new CliFailure(ExitCode.ENVIRONMENT, f.kind(), message, details);
        }
        if (outcome.io()) {
            return new CliFailure(ExitCode.IO, "io", f.message(), details);
        }
        if (outcome.internal()) {
            return new CliFailure(ExitCode.INTERNAL, "internal", message + "\n" + f.stderrTail(), details);
        }
        String kind = outcome.timedOut() || Failures.DEADLOCK.equals(f.kind()) ? "hang"
                : outcome.crashed() ? "crash" : "fault";
        return new CliFailure(ExitCode.CHECK_FAILED, kind, message, details);
    }
}

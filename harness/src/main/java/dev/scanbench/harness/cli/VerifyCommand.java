package dev.scanbench.harness.cli;

import dev.scanbench.harness.session.ScoreRecord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.emulator.ExecutionCounters;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.candidate.StaticCheckException;
import dev.scanbench.harness.candidate.UnsupportedCandidateException;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.NvccCompiler;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.verify.BatteryFailure;
import dev.scanbench.harness.verify.BatteryMatrix;
import dev.scanbench.harness.verify.BatteryReport;
import dev.scanbench.harness.verify.CorrectnessBattery;
import dev.scanbench.harness.verify.FailureJson;
import dev.scanbench.harness.verify.SecretSeed;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `workbench verify KERNEL`: the correctness battery on the PTX emulator, diagnostics on. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Run a kernel's plan through the correctness battery on the PTX emulator with memcheck, initcheck, racecheck and synccheck on.",
            "Cases: n in {1, 31, 32, 33, 1023, 1024, 1025, 4095, 4097, 65537} x patterns {RANDOM, ALL_POSITIVE, ALL_NON_POSITIVE, ALTERNATING, EXTREME} x dispatch {IN_ORDER (132 CTAs resident), REVERSED, RANDOM (whole grid resident)}; the same sizes x {RANDOM, EXTREME} x the adversarial schedules {SLOW_PUBLISHER (every publishing store held until the rest of the grid is idle, so every wait waits), PREEMPT_AT_STORES (the next CTA runs after every global store and fence)}; then n in {999983, 1048583} x {RANDOM, EXTREME} in order: 194 runs, each on a fresh input from a secret seed (its SHA-256 is shown first, the seed at the end). A weak load polled in a spin loop is an error. Stops at the first failure (exit 1) with its case, kind and location: the first wrong element with the input around it, or the fault's kernel, block, thread, PTX and .cu line."
        })
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    CompileOptions compileOptions;

    @Parameters(index = "0", paramLabel = "KERNEL", description = "The kernel file: .cu, .ptx or .py (Triton), with its @plan.")
    Path kernel;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Only these sizes, each under every pattern and dispatch order, instead of the standard"
                    + " battery (a quicker check while iterating; the standard battery is the verdict).")
    long[] sizes;

    @Option(names = "--json", description = "Print the result as JSON (for agents).")
    boolean json;

    @Override
    public Integer call() throws IOException, CliFailure {
        if (sizes != null && java.util.Arrays.stream(sizes).anyMatch(s -> s < 1 || s > Integer.MAX_VALUE / 4)) {
            throw new CliFailure(ExitCode.USAGE, "--sizes must be between 1 and " + Integer.MAX_VALUE / 4);
        }
        Candidate candidate = CandidateInput.read(kernel);
        NvccCompiler compiler = compileOptions.compiler();
        Progress progress = Progress.to(spec.commandLine().getErr());
        progress.say("compiling %s", kernel);
        PreparedCandidate prepared;
        try {
            prepared = new CandidateLoader(compiler).prepare(candidate);
        } catch (UnsupportedCandidateException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        } catch (ToolchainException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, e.getMessage());
        } catch (CompileException e) {
            return reject(Rejection.of(e));
        } catch (StaticCheckException e) {
            return reject(Rejection.of(e));
        } catch (PlanException e) {
            return reject(Rejection.of(e));
        }
        Artifact harness;
        try {
            harness = HarnessKernels.compile(compiler);
        } catch (CompileException e) {
            throw new IllegalStateException("the workbench's own harness kernels do not compile: " + e.getMessage(), e);
        }
        SecretSeed seed = SecretSeed.fresh();
        BatteryMatrix matrix = sizes == null ? BatteryMatrix.standard() : BatteryMatrix.of(sizes);
        progress.say("verifying %s: %d cases on the PTX emulator, seed SHA-256 %s", kernel, matrix.cases().size(),
                seed.sha256());
        BatteryReport report;
        try {
            report = new CorrectnessBattery(prepared, harness, CorrectnessBattery.verdictOptions())
                    .run(matrix, seed, line -> progress.say("%s", line));
        } catch (BackendException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, kernel + ": the emulator cannot run this kernel, so it cannot"
                    + " be verified here: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, toJson(prepared, matrix, report));
        } else {
            print(out, prepared, matrix, report);
        }
        return report.ok() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private int reject(Rejection r) {
        if (json) {
            ObjectNode node = Json.object();
            node.put("kernel", kernel.toString());
            node.put("ok", false);
            node.set("error", r.toJson());
            Json.print(spec.commandLine().getOut(), node);
        } else {
            spec.commandLine().getErr().println(kernel + ": " + r.describe());
        }
        return ExitCode.CHECK_FAILED;
    }

    private ObjectNode toJson(PreparedCandidate p, BatteryMatrix matrix, BatteryReport r) {
        ObjectNode node = Json.object();
        node.put("kernel", kernel.toString());
        node.put("ok", r.ok());
        node.put("backend", "emulator");
        node.put("source_sha256", p.artifact().sourceHash());
        ScoreRecord.sources(node, p.artifact().sources());
        node.put("seed_sha256", r.seedSha256());
        node.put("seed", r.seed());
        node.put("standard", sizes == null);
        node.put("cases", matrix.cases().size());
        node.put("passed", r.passed().size());
        r.failure().ifPresent(f -> node.set("failure", failureJson(f)));
        ExecutionCounters c = r.candidate();
        ObjectNode counters = node.putObject("counters");
        counters.put("launches", c.launches());
        counters.put("warp_instructions", c.warpInstructions());
        counters.put("thread_instructions", c.threadInstructions());
        counters.put("global_bytes_read", c.globalBytesRead());
        counters.put("global_bytes_written", c.globalBytesWritten());
        ArrayNode findings = node.putArray("static_findings");
        p.compiled().checks().findings().forEach(f -> findings.add(f.describe()));
        ArrayNode warnings = node.putArray("warnings");
        r.warnings().forEach(warnings::add);
        return node;
    }

    private static ObjectNode failureJson(BatteryFailure f) {
        ObjectNode o = Json.object();
        o.put("n", f.testCase().n());
        o.put("pattern", f.testCase().pattern().name());
        o.put("order", f.testCase().dispatch().name());
        o.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
        o.put("message", f.message());
        if (f.mismatch() != null) {
            o.set("mismatch", FailureJson.mismatch(f.mismatch()));
        }
        if (f.location() != null) {
            o.set("location", FailureJson.location(f.location()));
        }
        return o;
    }

    private void print(PrintWriter out, PreparedCandidate p, BatteryMatrix matrix, BatteryReport r) {
        p.compiled().checks().findings().forEach(f -> out.println("note: " + f.describe()));
        r.warnings().forEach(w -> out.println("warning: " + w));
        if (r.ok()) {
            out.printf("%s: verified on the PTX emulator: %d/%d cases pass%n", kernel, r.passed().size(),
                    matrix.cases().size());
        } else {
            BatteryFailure f = r.failure().orElseThrow();
            out.printf("%s: FAILED verification (%s) at %s, after %d/%d cases passed%n", kernel,
                    f.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '), f.testCase(), r.passed().size(),
                    matrix.cases().size());
            out.println(f.message());
        }
        ExecutionCounters c = r.candidate();
        out.printf("candidate work (no clock on the emulator): %,d launches, %,d warp instructions, %,d global bytes"
                + " read, %,d written%n", c.launches(), c.warpInstructions(), c.globalBytesRead(), c.globalBytesWritten());
        out.printf("seed %s (SHA-256 %s)%n", r.seed(), r.seedSha256());
    }
}

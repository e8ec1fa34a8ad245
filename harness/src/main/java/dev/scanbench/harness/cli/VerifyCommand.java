package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.baseline.task.TaskSpec;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.backend.cuda.CudaProbe;
import dev.scanbench.harness.backend.emulator.UnsupportedOnEmulatorException;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.StaticCheckException;
import dev.scanbench.harness.candidate.UnsupportedCandidateException;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.session.BackendRequest;
import dev.scanbench.harness.session.CandidateJobs;
import dev.scanbench.harness.session.JobOutcome;
import dev.scanbench.harness.verify.BatteryMatrix;
import dev.scanbench.harness.verify.Dispatch;
import dev.scanbench.harness.verify.SecretSeed;
import dev.scanbench.harness.worker.WorkerStartException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `workbench verify KERNEL`: the correctness gate, in a worker under the watchdog. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Run a kernel's plan through the correctness gate, in a worker process under a watchdog: on the PTX emulator (default) with memcheck, initcheck, racecheck and synccheck on, or with --backend cuda on a GPU.",
            "Cases: n in {1, 31, 32, 33, 1023, 1024, 1025, 4095, 4097, 65537} x patterns {RANDOM, ALL_POSITIVE, ALL_NON_POSITIVE, ALTERNATING, EXTREME} x dispatch {IN_ORDER (occupancy x 132 CTAs resident, as on an H100), REVERSED, RANDOM (whole grid resident)}; the same sizes x {RANDOM, EXTREME} x the adversarial schedules {SLOW_PUBLISHER (every publishing store held until the rest of the grid is idle, so every wait waits), PREEMPT_AT_STORES (the next CTA runs after every global store and fence)}; then n in {999983, 1048583} x {RANDOM, EXTREME}; then three secret sizes (one each up to 2^16, up to 2^20, and between 2,000,001 and 4,000,000), each on a fresh RANDOM input, the two smaller again with a secret tail replaced by EXTREME values: 199 runs, each on a fresh input from a secret seed (its SHA-256 is shown first, the seed at the end). A weak load polled in a spin loop is an error. score runs this same gate before anything is timed. Stops at the first failure (exit 1) with its case, kind and location: the first wrong element with the input around it, or the fault's kernel, block, thread, PTX and .cu line. Instructions the emulator cannot run are an environment limit (exit 3, every one listed)."
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
                    + " gate (a quicker check while iterating; the standard gate is the verdict).")
    long[] sizes;

    @Option(names = "--backend", defaultValue = "emulator", paramLabel = "emulator|cuda|auto",
            description = "emulator (default): every diagnostic on; cuda: the first GPU; auto: a GPU when present.")
    String backend;

    @Option(names = "--timeout", paramLabel = "S",
            description = "Per-case limit in seconds (default: 120 on the emulator, 20 on a GPU).")
    Double timeout;

    @Option(names = "--json", description = "Print the result as JSON (for agents).")
    boolean json;

    @Override
    public Integer call() throws IOException, CliFailure, InterruptedException {
        if (sizes != null && java.util.Arrays.stream(sizes).anyMatch(s -> s < 1 || s > Integer.MAX_VALUE / 4)) {
            throw new CliFailure(ExitCode.USAGE, "--sizes must be between 1 and " + Integer.MAX_VALUE / 4);
        }
        BackendRequest request = CandidateInput.backend(backend);
        Duration limit = CandidateInput.timeout(timeout);
        Candidate candidate = CandidateInput.read(kernel);
        Progress progress = Progress.to(spec.commandLine().getErr());
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
            return reject(Rejection.of(e));
        } catch (StaticCheckException e) {
            return reject(Rejection.of(e));
        } catch (PlanException e) {
            return reject(Rejection.of(e));
        }
        SecretSeed seed = SecretSeed.fresh();
        long scoredN = prepared.cuda() ? TaskSpec.DEFAULT_N : Defaults.EMULATOR_SCORE_N;
        BatteryMatrix matrix = sizes != null
                ? BatteryMatrix.of(prepared.cuda() ? List.of(Dispatch.DEVICE) : Dispatch.EMULATOR, sizes)
                : prepared.cuda() ? BatteryMatrix.deviceGate(scoredN, seed) : BatteryMatrix.emulatorGate(scoredN, seed);
        progress.say("verifying %s: %d cases on the %s backend, seed SHA-256 %s", kernel, matrix.cases().size(),
                prepared.backend().name(), seed.sha256());
        JobOutcome outcome;
        try {
            outcome = jobs.verify(prepared, sizes, limit, scoredN, seed);
        } catch (WorkerStartException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, e.getMessage());
        }
        if (outcome.environment()) {
            throw new CliFailure(ExitCode.ENVIRONMENT, outcome.failure().kind(), kernel + ": "
                    + outcome.failure().message(), null);
        }
        if (outcome.internal()) {
            throw new IllegalStateException("the verify worker failed: " + outcome.failure().message() + "\n"
                    + outcome.failure().stderrTail());
        }
        VerifyReport report = new VerifyReport(kernel, prepared, matrix, sizes == null, seed, outcome);
        if (json) {
            Json.print(spec.commandLine().getOut(), report.toJson());
        } else {
            report.print(spec.commandLine().getOut());
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
}

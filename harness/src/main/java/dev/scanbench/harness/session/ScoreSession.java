package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.baseline.task.TaskSpec;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.Version;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.backend.cuda.CudaDriverSwitch;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateKind;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.candidate.StaticCheckException;
import dev.scanbench.harness.candidate.UnsupportedCandidateException;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.Diagnostic;
import dev.scanbench.harness.compile.NvccCompiler;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.ptx.StaticFinding;
import dev.scanbench.harness.backend.emulator.EmulatorSupport;
import dev.scanbench.harness.backend.emulator.UnsupportedOnEmulatorException;
import dev.scanbench.harness.scoring.CopyBandwidthProbe;
import dev.scanbench.harness.scoring.JobCandidate;
import dev.scanbench.harness.scoring.DeviceBaseline;
import dev.scanbench.harness.scoring.DeviceReferences;
import dev.scanbench.harness.scoring.Failures;
import dev.scanbench.harness.scoring.OwnKernels;
import dev.scanbench.harness.scoring.ScoreJob;
import dev.scanbench.harness.scoring.ScoreRequest;
import dev.scanbench.harness.scoring.VerifyJob;
import dev.scanbench.harness.scoring.VerifyRequest;
import dev.scanbench.harness.verify.BatteryMatrix;
import dev.scanbench.harness.verify.SecretSeed;
import dev.scanbench.harness.worker.Spares;
import dev.scanbench.harness.worker.WorkerLauncher;
import dev.scanbench.harness.worker.WorkerLimits;
import dev.scanbench.harness.worker.WorkerListener;
import dev.scanbench.harness.worker.WorkerOutcome;
import dev.scanbench.harness.worker.WorkerStartException;
import dev.scanbench.sandbox.SourceDigest;
import dev.scanbench.tritonbridge.TritonBuild;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The parent side of one scoring run: compile, static checks and plan validation here (their errors never
 * reach a worker), the backend chosen, a fresh secret seed, the candidate run in a worker under the watchdog,
 * and every way the worker can end mapped to a {@link ScoreResult}. Writes nothing: the caller logs and
 * reports the result.
 */
public final class ScoreSession {
    private final NvccCompiler compiler;
    private final WorkerLauncher launcher;
    private final Supplier<Optional<String>> cudaProbe;
    private final Consumer<String> progress;
    private final BaselineCache baselines;

    /**
     * @param compiler  compiles the candidate and the harness's own kernels
     * @param launcher  starts the worker (its limits are the base; the call limit comes from the options)
     * @param cudaProbe why no CUDA device is usable, or empty when one is ({@link dev.scanbench.harness.backend.cuda.CudaProbe#unavailable})
     * @param progress  receives progress lines for a person watching
     */
    public ScoreSession(NvccCompiler compiler, WorkerLauncher launcher, Supplier<Optional<String>> cudaProbe,
                        Consumer<String> progress) {
        this.compiler = compiler;
        this.launcher = launcher;
        this.cudaProbe = cudaProbe;
        this.progress = progress;
        this.baselines = new BaselineCache(Defaults.cacheDirectory().resolve(BaselineCache.FILE));
    }

    /**
     * What to run.
     *
     * @param backend     the backend asked for
     * @param n           the problem size, or null for the backend's default (10^8 on CUDA, 2^20 + 7 on the emulator)
     * @param protocol    the timing protocol
     * @param mode        the cache mode
     * @param callTimeout the per-call watchdog limit, or null for the backend's default (20 s on CUDA, as
     *                    RE-Bench; {@link Defaults#EMULATOR_CALL_TIMEOUT} on the emulator)
     */
    public record Options(BackendRequest backend, Long n, Protocol protocol, Mode mode, Duration callTimeout) {
    }

    /**
     * Scores a candidate.
     *
     * @throws BackendUnavailableException   when CUDA was asked for and is missing (nothing ran)
     * @throws UnsupportedCandidateException when the candidate is of a kind that cannot be scored here
     * @throws ToolchainException            when a Triton candidate's Python or Triton is unusable
     * @throws UnsupportedOnEmulatorException when the emulator is to run it and cannot (nothing ran)
     * @throws WorkerStartException          when no worker JVM can be started
     * @throws InterruptedException          when interrupted while waiting (the worker is killed)
     */
    public ScoreResult score(Candidate candidate, Options options) throws BackendUnavailableException,
            UnsupportedCandidateException, ToolchainException, UnsupportedOnEmulatorException, IOException,
            WorkerStartException, InterruptedException {
        BackendRequest.Selection selection = options.backend().select(cudaProbe);
        boolean cuda = ScoreRequest.CUDA.equals(selection.name());
        long n = options.n() != null ? options.n() : cuda ? TaskSpec.DEFAULT_N : Defaults.EMULATOR_SCORE_N;
        // RE-Bench's scorer flushed nothing: its samples are hot whatever --mode says.
        Mode mode = options.protocol() == Protocol.RE_BENCH ? Mode.HOT : options.mode();
        Duration call = JobLimits.call(cuda, options.callTimeout());
        // The probe that chose CUDA has loaded the driver in this process: it knows whether it is the software one.
        RunSettings settings = new RunSettings(selection.name(), selection.why(), n, options.protocol(), mode, call,
                cuda && CudaDriverSwitch.simulated());
        SecretSeed seed = SecretSeed.fresh();
        progress.accept("compiling " + candidate.path());
        PreparedCandidate prepared;
        try {
            prepared = new CandidateLoader(compiler).prepare(candidate);
        } catch (CompileException e) {
            return rejected(candidate, null, settings, seed, "compile", e.getMessage(), diagnostics(e.diagnostics()));
        } catch (StaticCheckException e) {
            return rejected(candidate, null, settings, seed, "static-checks", e.getMessage(), null);
        } catch (PlanException e) {
            return rejected(candidate, null, settings, seed, "plan", e.getMessage(), null);
        }
        if (!cuda) {
            // An environment limit, not a verdict: nothing runs and nothing is logged.
            EmulatorSupport.require(candidate.path().toString(), prepared.artifact().ptx());
        }
        CandidateFacts facts = facts(candidate, prepared);
        try {
            prepared.resolve(n);
        } catch (PlanException e) {
            return new ScoreResult(facts, settings, RunOutcome.rejected(ScoreFailure.of("plan", e.getMessage())),
                    seed.sha256(), seed.reveal(), Version.get());
        }
        ScoreRequest request = request(candidate, prepared, cuda, n, options, seed);
        progress.accept("scoring " + candidate.path() + " on the " + selection.name() + " backend, n = " + n
                + ", seed SHA-256 " + seed.sha256());
        WorkerLimits limits = launcher.limits().withCall(call).withJob(jobLimit(cuda, call));
        WorkerOutcome outcome = launcher.withLimits(limits).run(ScoreJob.NAME, request.toJson(), new WorkerListener() {
            @Override
            public void progress(String message, JsonNode data) {
                progress.accept(message);
            }
        });
        if (outcome instanceof WorkerOutcome.Failed f && Failures.ENVIRONMENT.equals(f.kind())) {
            // The machine cannot score (old driver, refused images, the workbench's own kernels): not a result.
            throw new BackendUnavailableException(f.message());
        }
        RunOutcome run = OutcomeMapper.map(outcome, launcher.heap());
        remember(run, n, options, mode);
        return new ScoreResult(facts, settings, run, seed.sha256(), seed.reveal(), Version.get());
    }

    /** The size a spare worker's warm-up scores: the gate's cases dominate its work, as they do a real call's. */
    static final long WARM_UP_N = 65_543;

    /**
     * What a spare worker ({@code Spares}) runs before the one job it serves, so that the gate's and the emulator's
     * code is compiled by the JIT before a candidate's call waits on it: a score of the workbench's reference at
     * {@link #WARM_UP_N} on the emulator, then a verify of its starting solution at the gate's small sizes, each with
     * a seed used for nothing else. Two kernels of different shapes (a single-pass look-back, and eight launches of
     * tile scans and carries) because the JIT's code is only as good as its profile: in a scratch run of the gate's
     * 171 cases at n <= 4097 on one thread, kernel 02's took 0.84 s after the reference alone and 0.55 s after both
     * (1.20 s cold, 0.36 s once warm). The second is a verify at small sizes, not a score, because the starting
     * solution's gate at the large sizes took the spare about 9 s more to be ready.
     *
     * @throws CompileException when one of them does not compile here (then there are no spares)
     */
    public List<Spares.WarmUp> warmUps() throws IOException, CompileException, UnsupportedCandidateException,
            StaticCheckException, PlanException, ToolchainException {
        Options options = new Options(BackendRequest.EMULATOR, WARM_UP_N, Protocol.DEFAULT, Mode.COLD, null);
        PreparedCandidate reference = ownCandidate(OwnKernels.reference());
        PreparedCandidate start = ownCandidate(OwnKernels.startingSolution());
        ScoreRequest score = request(reference.compiled().candidate(), reference, false, WARM_UP_N, options,
                SecretSeed.fresh());
        // the score request's harness kernels serve the verify too: compiled once
        VerifyRequest verify = new VerifyRequest(JobCandidate.of(start), score.harness(), ScoreRequest.EMULATOR,
                BatteryMatrix.FULL_SIZES, WARM_UP_N, Long.parseUnsignedLong(SecretSeed.fresh().reveal(), 16));
        return List.of(new Spares.WarmUp(ScoreJob.NAME, score.toJson()), new Spares.WarmUp(VerifyJob.NAME,
                verify.toJson()));
    }

    private PreparedCandidate ownCandidate(Map.Entry<String, String> kernel) throws IOException, CompileException,
            UnsupportedCandidateException, StaticCheckException, PlanException, ToolchainException {
        Candidate candidate = new Candidate(java.nio.file.Path.of(kernel.getKey()), CandidateKind.CUDA,
                kernel.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PreparedCandidate prepared = new CandidateLoader(compiler).prepare(candidate);
        prepared.resolve(WARM_UP_N);
        return prepared;
    }

    /** Keeps a device baseline the worker measured, for the next run with the same settings on that device. */
    private void remember(RunOutcome run, long n, Options options, Mode mode) throws IOException {
        JsonNode b = run.deviceBaseline();
        if (b != null && b.path("measured_now").asBoolean(false)) {
            baselines.store(BaselineCache.key(Version.get(), n, options.protocol(), mode), new DeviceBaseline(
                    b.path("identity").asText(), b.path("start_ms").asDouble(), b.path("reference_ms").asDouble(),
                    b.path("simulated").asBoolean()));
        }
    }

    /**
     * The whole job's limit. On CUDA: every budget the protocol may spend, plus one call past its end (a call
     * that starts as the budget runs out may take the whole call limit), plus set-up, the correctness gate and
     * verification. On the emulator the gate's 199 cases dominate: {@link JobLimits#job}.
     */
    static Duration jobLimit(boolean cuda, Duration call) {
        if (cuda) {
            // The candidate's measurement, and the device baseline's two when this device has none yet.
            return Duration.ofMillis(Defaults.WARMUP_BUDGET_MS + Defaults.MEASURE_TIME_BUDGET_MS).multipliedBy(3)
                    .plus(call.multipliedBy(6)).plus(Defaults.SCORE_JOB_OVERHEAD);
        }
        return JobLimits.job(false, call);
    }

    private ScoreRequest request(Candidate candidate, PreparedCandidate prepared, boolean cuda, long n,
                                 Options options, SecretSeed seed) throws IOException {
        Artifact harness;
        Artifact copy;
        DeviceReferences references;
        Mode mode = options.protocol() == Protocol.RE_BENCH ? Mode.HOT : options.mode();
        try {
            harness = HarnessKernels.compile(compiler);
            copy = cuda ? CopyBandwidthProbe.compile(compiler) : null;
            references = cuda ? OwnKernels.compile(compiler,
                    baselines.known(BaselineCache.key(Version.get(), n, options.protocol(), mode))) : null;
        } catch (CompileException e) {
            throw new IllegalStateException("the workbench's own kernels do not compile: " + e.getMessage(), e);
        }
        // The seed goes to the worker only; it is shown after the run, with the result.
        long secret = Long.parseUnsignedLong(seed.reveal(), 16);
        JobCandidate c = JobCandidate.of(prepared);
        return new ScoreRequest(c.kernel(), c.source(), c.module(), c.staticShared(),
                ScoreRequest.CompiledModule.of(harness), copy == null ? null : ScoreRequest.CompiledModule.of(copy),
                cuda ? ScoreRequest.CUDA : ScoreRequest.EMULATOR, n, options.protocol(),
                mode, secret, Defaults.EMULATOR_SCORE_ITERATIONS, references);
    }

    private static CandidateFacts facts(Candidate candidate, PreparedCandidate prepared) {
        List<String> findings = prepared.compiled().checks().findings().stream().map(StaticFinding::describe).toList();
        CompilerFacts compiler = new CompilerFacts(prepared.artifact().compilerRelease(), prepared.artifact().flags(),
                prepared.compiled().triton().map(TritonBuild::tritonVersion).orElse(null));
        return new CandidateFacts(candidate.path().toString(), prepared.artifact().sourceHash(),
                prepared.artifact().sources(), prepared.plan().render(), prepared.artifact().resources(), findings,
                compiler);
    }

    private static ScoreResult rejected(Candidate candidate, String plan, RunSettings settings, SecretSeed seed,
                                        String kind, String message, JsonNode details) {
        CandidateFacts facts = new CandidateFacts(candidate.path().toString(), candidate.contentHash(),
                List.of(new SourceDigest(candidate.path().toString(), candidate.contentHash())), plan, Map.of(), List.of(),
                null);
        return new ScoreResult(facts, settings, RunOutcome.rejected(new ScoreFailure(kind, message, details, "")),
                seed.sha256(), seed.reveal(), Version.get());
    }

    private static ObjectNode diagnostics(List<Diagnostic> list) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        ArrayNode a = d.putArray("diagnostics");
        for (Diagnostic x : list) {
            a.addObject().put("file", x.file()).put("line", x.line()).put("severity", x.severity())
                    .put("message", x.message());
        }
        return d;
    }
}

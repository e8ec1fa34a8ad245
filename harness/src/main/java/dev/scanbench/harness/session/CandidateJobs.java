package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.backend.emulator.EmulatorSupport;
import dev.scanbench.harness.backend.emulator.UnsupportedOnEmulatorException;
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
import dev.scanbench.harness.scoring.JobCandidate;
import dev.scanbench.harness.scoring.RunJob;
import dev.scanbench.harness.scoring.RunRequest;
import dev.scanbench.harness.scoring.ScoreRequest;
import dev.scanbench.harness.scoring.VerifyJob;
import dev.scanbench.harness.scoring.VerifyRequest;
import dev.scanbench.harness.verify.SecretSeed;
import dev.scanbench.harness.worker.WorkerLauncher;
import dev.scanbench.harness.worker.WorkerListener;
import dev.scanbench.harness.worker.WorkerStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The parent side of {@code workbench verify} and {@code run KERNEL}, as {@link ScoreSession} is of score: the
 * candidate is compiled, checked and its plan validated here, the backend chosen, and then it runs in a worker
 * JVM under the same watchdog, so that a hang, a crash or an out-of-memory is a result, never the caller's end.
 */
public final class CandidateJobs {
    /** {@code run}'s input and output in the worker's folder (relative: the worker's working directory). */
    private static final String RUN_INPUT = "x.npy";
    private static final String RUN_OUTPUT = "y.npy";
    private final NvccCompiler compiler;
    private final WorkerLauncher launcher;
    private final Supplier<Optional<String>> cudaProbe;
    private final Consumer<String> progress;

    /**
     * @param compiler  compiles the candidate and the harness's own kernels
     * @param launcher  starts the worker
     * @param cudaProbe why no CUDA device is usable, or empty when one is
     * @param progress  receives progress lines for a person watching
     */
    public CandidateJobs(NvccCompiler compiler, WorkerLauncher launcher, Supplier<Optional<String>> cudaProbe,
                         Consumer<String> progress) {
        this.compiler = compiler;
        this.launcher = launcher;
        this.cudaProbe = cudaProbe;
        this.progress = progress;
    }

    /**
     * A candidate ready for a worker job on a chosen backend.
     *
     * @param candidate compiled, checked, its plan valid at the scoring size
     * @param backend   the backend chosen and why
     */
    public record Prepared(PreparedCandidate candidate, BackendRequest.Selection backend) {
        /** True when the job runs on a GPU. */
        public boolean cuda() {
            return ScoreRequest.CUDA.equals(backend.name());
        }
    }

    /**
     * Chooses the backend, compiles and checks the candidate, and, for the emulator, makes sure it can run it.
     *
     * @throws BackendUnavailableException   when CUDA was asked for and is missing
     * @throws UnsupportedOnEmulatorException when the emulator cannot run some of its instructions
     */
    public Prepared prepare(Candidate candidate, BackendRequest backend) throws BackendUnavailableException,
            UnsupportedCandidateException, StaticCheckException, CompileException, ToolchainException, PlanException,
            UnsupportedOnEmulatorException, IOException {
        BackendRequest.Selection selection = backend.select(cudaProbe);
        progress.accept("compiling " + candidate.path());
        PreparedCandidate prepared = new CandidateLoader(compiler).prepare(candidate);
        Prepared p = new Prepared(prepared, selection);
        if (!p.cuda()) {
            EmulatorSupport.require(candidate.path().toString(), prepared.artifact().ptx());
        }
        return p;
    }

    /**
     * Runs the correctness battery in a worker: the standard gate, or only {@code sizes}.
     *
     * @param sizes       the sizes to run (every pattern and dispatch), or null for the standard gate
     * @param callTimeout the per-case limit, or null for the backend's default
     * @param scoredN     the scoring size the standard gate includes
     */
    public JobOutcome verify(Prepared p, long[] sizes, Duration callTimeout, long scoredN, SecretSeed seed)
            throws IOException, WorkerStartException, InterruptedException {
        Artifact harness;
        try {
            harness = HarnessKernels.compile(compiler);
        } catch (CompileException e) {
            throw new IllegalStateException("the workbench's own harness kernels do not compile: " + e.getMessage(), e);
        }
        VerifyRequest request = new VerifyRequest(JobCandidate.of(p.candidate()), ScoreRequest.CompiledModule.of(harness),
                p.backend().name(), sizes, scoredN, Long.parseUnsignedLong(seed.reveal(), 16));
        return start(p, VerifyJob.NAME, request.toJson(), callTimeout);
    }

    /**
     * Runs the plan once in a worker on {@code input}; its output is moved to {@code output} when the worker
     * made one. The sandboxed worker can read and write only its own folder (the user's folders may be private
     * to the user, and it runs as another uid when the workbench runs as root), so the input is copied in before
     * it starts and the output taken out before the folder goes.
     *
     * @param callTimeout the run's limit, or null for the backend's default
     */
    public JobOutcome run(Prepared p, Path input, Path output, Duration callTimeout)
            throws WorkerStartException, InterruptedException {
        RunRequest request = new RunRequest(JobCandidate.of(p.candidate()), p.backend().name(), RUN_INPUT,
                RUN_OUTPUT);
        IOException[] lost = new IOException[1];
        JobOutcome outcome = start(p, RunJob.NAME, request.toJson(), callTimeout, new WorkerLauncher.FolderHandoff() {
            @Override
            public void before(Path folder) throws IOException {
                Path copy = folder.resolve(RUN_INPUT);
                Files.copy(input, copy);
                // Readable by the sandbox's uid, whatever the user's umask made of the copy.
                copy.toFile().setReadable(true, false);
            }

            @Override
            public void after(Path folder) {
                Path made = folder.resolve(RUN_OUTPUT);
                if (Files.isRegularFile(made)) {
                    try {
                        Files.move(made, output, StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException e) {
                        lost[0] = e;
                    }
                }
            }
        });
        if (lost[0] != null && outcome.completed()) {
            return outcome.lostOutput("the worker's output could not be moved to " + output + ": " + lost[0]);
        }
        return outcome;
    }

    private JobOutcome start(Prepared p, String job, JsonNode request, Duration callTimeout)
            throws WorkerStartException, InterruptedException {
        return start(p, job, request, callTimeout, WorkerLauncher.FolderHandoff.NONE);
    }

    private JobOutcome start(Prepared p, String job, JsonNode request, Duration callTimeout,
                             WorkerLauncher.FolderHandoff handoff)
            throws WorkerStartException, InterruptedException {
        Duration call = JobLimits.call(p.cuda(), callTimeout);
        WorkerLauncher limited = launcher.withLimits(launcher.limits().withCall(call).withJob(JobLimits.job(p.cuda(),
                call)));
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        // in start order: a battery's calls overlap, and the oldest open one is the one that hung
        Set<String> open = Collections.synchronizedSet(new LinkedHashSet<>());
        JobOutcome outcome = JobOutcome.of(limited.run(job, request, new WorkerListener() {
            @Override
            public void progress(String message, JsonNode data) {
                progress.accept(message);
            }

            @Override
            public void callStarted(String name) {
                calls.incrementAndGet();
                open.add(name);
            }

            @Override
            public void callEnded(String name, Duration took) {
                ended.incrementAndGet();
                open.remove(name);
            }
        }, handoff), launcher.heap());
        String oldest;
        synchronized (open) {
            oldest = open.isEmpty() ? null : open.iterator().next();
        }
        return outcome.withCalls(calls.get(), ended.get(), oldest);
    }
}

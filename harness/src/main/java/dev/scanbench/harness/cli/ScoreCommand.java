package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.UnsupportedCandidateException;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.LogLocation;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.log.LogSigningKey;
import dev.scanbench.harness.log.ScoreStores;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.session.BackendRequest;
import dev.scanbench.harness.backend.cuda.CudaProbe;
import dev.scanbench.harness.session.BestSoFar;
import dev.scanbench.harness.session.EmulatorModel;
import dev.scanbench.harness.session.ScoreRecord;
import dev.scanbench.harness.session.ScoreReport;
import dev.scanbench.harness.session.ScoreResult;
import dev.scanbench.harness.session.ScoreSession;
import dev.scanbench.harness.backend.emulator.UnsupportedOnEmulatorException;
import dev.scanbench.harness.worker.FailureKinds;
import dev.scanbench.harness.sources.StoredSource;
import dev.scanbench.harness.worker.WorkerLauncher;
import dev.scanbench.harness.worker.WorkerStartException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `workbench score KERNEL`: verified, isolated, timed (GPU) or counted (emulator), logged. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {
            "Score a kernel. Compile, static checks and plan validation run here; the",
            "kernel runs in a worker process under a watchdog, on fresh inputs from a",
            "secret seed, every output checked exactly. First the correctness gate (the",
            "same cases as verify: odd and boundary sizes, adversarial values, the",
            "scored n and secret sizes); a failure there is the score. On a GPU it is then timed (warm-up",
            "until stable, samples until the median's 99%% CI is within 1%%, L2 flushed",
            "before each) and scored: ln(ms), normalised y_n, and the standing against",
            "0.667 ms (best human) and 0.64 ms (best agent). On the PTX emulator there",
            "is no time: the counted work is reported instead. Every run, failures",
            "included, is appended to the score log.",
            "Exit 0 ok; 1 wrong answer, rejected, timed out, crashed or device fault;",
            "2 usage; 3 environment (--backend cuda without a GPU, instructions the",
            "emulator cannot run (not logged), out of memory: set WORKBENCH_HEAP)."
        })
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    CompileOptions compileOptions;

    @Parameters(index = "0", paramLabel = "KERNEL", description = "The kernel file: .cu or .ptx, with its @plan.")
    Path kernel;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "auto|cuda|emulator",
            description = "auto (default): CUDA when a device is present, else the PTX emulator.")
    String backend;

    @Option(names = "--n", paramLabel = "N",
            description = "Problem size (default: 100000000 on CUDA, 1048583 on the emulator).")
    Long n;

    @Option(names = "--protocol", defaultValue = "default", paramLabel = "default|re-bench",
            description = "default: the workbench's measurement; re-bench: the original scorer, one timed call.")
    String protocol;

    @Option(names = "--mode", defaultValue = "cold", paramLabel = "cold|hot",
            description = "cold (default): L2 flushed before every sample; hot: no flush.")
    String mode;

    @Option(names = "--timeout", paramLabel = "S",
            description = "Per-call limit in seconds (default: 20 on a GPU, as RE-Bench; 120 on the emulator).")
    Double timeout;

    @Option(names = "--json", description = "Print the result as JSON (for agents); schema in README.md.")
    boolean json;

    @Option(names = "--log", paramLabel = "PATH|URL",
            description = "The score log: a JSONL file, or a PostgreSQL store as"
                    + " jdbc:postgresql://HOST:PORT/DB?user=ROLE (default: $WORKBENCH_LOG, else"
                    + " ~/.workbench/scores.jsonl).")
    String log;

    @Option(names = "--label", paramLabel = "WHO",
            description = "Who or what submitted this run (an agent run, a person); the leaderboard and report"
                    + " group by it.")
    String label;

    @Option(names = "--note", paramLabel = "TEXT", description = "A free note kept with the entry.")
    String note;

    @Option(names = "--submission", paramLabel = "ID",
            description = "The scoring service's id of the submission this run scores, kept in the entry"
                    + " (the service uses it to never log a run twice).")
    String submissionId;

    @Option(names = "--json-file", paramLabel = "FILE",
            description = "Also write the --json result to FILE (written whole, then renamed into place), whatever"
                    + " stdout prints.")
    Path jsonFile;

    @Option(names = "--signing-key", paramLabel = "FILE",
            description = {"Sign the entry with this Ed25519 key (created on first use, owner-only, its public"
                    + " key written to FILE.pub); `log verify --public-key FILE.pub` then names any entry not"
                    + " signed with it. Needs the sandbox, which keeps the key out of a candidate's reach."})
    Path signingKey;

    @Override
    public Integer call() throws IOException, CliFailure, InterruptedException {
        ScoreSession.Options options = options();
        Submission submission = Submission.of(label, note, submissionId);
        JsonFile.checkWritable(jsonFile);
        // Opened first: a bad key must not cost a scoring run that then cannot be logged.
        LogSigningKey signer = LogSigning.open(signingKey);
        // Opened before the run as well: a store that cannot be reached (a database down, a schema missing) must
        // not cost a scoring run that then cannot be logged.
        try (ScoreStore scoreLog = ScoreStores.open(LogLocation.resolve(log, System.getenv()), signer)) {
            if (submissionId != null) {
                refuseIfLogged(scoreLog.find("submission", submissionId));
            }
            Candidate candidate = CandidateInput.read(kernel);
            ScoreResult result = run(candidate, options);
            return logAndReport(scoreLog, signer, candidate, submission, ScoreRecord.of(result), result);
        }
    }

    private ScoreResult run(Candidate candidate, ScoreSession.Options options) throws IOException, CliFailure,
            InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = Progress.to(err);
        ScoreSession session = new ScoreSession(compileOptions.compiler(), CandidateInput.launcher(),
                CudaProbe::unavailable, line -> progress.say("%s", line));
        ScoreResult result;
        try {
            result = session.score(candidate, options);
        } catch (BackendUnavailableException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, e.getMessage());
        } catch (UnsupportedCandidateException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        } catch (ToolchainException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, e.getMessage());
        } catch (WorkerStartException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, e.getMessage());
        } catch (UnsupportedOnEmulatorException e) {
            throw CandidateInput.unsupported(kernel, e);
        }
        // Said whatever the terminal: which device a score came from is part of the result.
        err.println("backend: " + result.settings().backend() + " (" + result.settings().backendWhy() + ")");
        err.flush();
        return result;
    }

    private int logAndReport(ScoreStore scoreLog, LogSigningKey signer, Candidate candidate, Submission submission,
            ObjectNode record, ScoreResult result) throws IOException, CliFailure {
        PrintWriter err = spec.commandLine().getErr();
        // The source goes in first: an entry never names a source the store does not have.
        StoredSource source = scoreLog.sources().put(candidate.path().getFileName().toString(), candidate.bytes());
        submission.addTo(record);
        record.set("source", source.toJson());
        LogEntry entry;
        if (submissionId == null) {
            entry = scoreLog.append(record);
        } else {
            // Looked for again under the append's lock: another run of the same submission may have logged since.
            ScoreStore.Appended appended = scoreLog.appendOnce(record, "submission", submissionId);
            if (!appended.appended()) {
                refuseIfLogged(java.util.Optional.of(appended.entry()));
            }
            entry = appended.entry();
        }
        EmulatorModel model = EmulatorModel.of(result);
        BestSoFar best;
        try {
            best = BestSoFar.of(scoreLog.read(), entry.seq(), model);
        } catch (IOException e) {
            // The entry is appended; a log that cannot be read back only costs the comparison.
            best = null;
            err.println("warning: no best so far: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode doc = record.deepCopy();
        doc.set("model", model.toJson());
        doc.set("best_so_far", best == null ? null : best.toJson());
        ObjectNode logged = doc.putObject("log");
        logged.put("file", scoreLog.location());
        logged.put("seq", entry.seq());
        logged.put("hash", entry.hash());
        logged.put("signed_by", signer == null ? null : signer.publicKey().id());
        if (jsonFile != null) {
            JsonFile.write(jsonFile, doc);
        }
        if (json) {
            Json.print(out, doc);
        } else {
            ScoreReport.print(out, result, model);
            if (best != null) {
                best.lines().forEach(out::println);
            }
            out.printf("logged to %s (entry %d%s)%n", scoreLog.location(), entry.seq(),
                    signer == null ? "" : ", signed by key " + signer.publicKey().id());
            out.flush();
        }
        if (result.outcome().failure() != null
                && FailureKinds.OUT_OF_MEMORY.equals(result.outcome().failure().kind())) {
            // Logged as the crash it is, but the fix is the machine's: the heap to set is in the message.
            err.println("error: " + result.outcome().failure().message());
            return ExitCode.ENVIRONMENT;
        }
        return result.ok() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private void refuseIfLogged(java.util.Optional<LogEntry> there) throws CliFailure {
        if (there.isPresent()) {
            throw new CliFailure(ExitCode.USAGE, "submission " + submissionId + " is logged already, as entry "
                    + there.get().seq() + "; a submission is logged once, so this run is not");
        }
    }

    private ScoreSession.Options options() throws CliFailure {
        BackendRequest request = CandidateInput.backend(backend);
        Protocol p;
        Mode m;
        try {
            p = Protocol.fromCliName(protocol);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "--protocol: " + e.getMessage());
        }
        try {
            m = Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "--mode must be cold or hot, not " + mode);
        }
        if (n != null && (n < 1 || n > Integer.MAX_VALUE / 4)) {
            throw new CliFailure(ExitCode.USAGE, "--n must be between 1 and " + Integer.MAX_VALUE / 4);
        }
        return new ScoreSession.Options(request, n, p, m, CandidateInput.timeout(timeout));
    }
}

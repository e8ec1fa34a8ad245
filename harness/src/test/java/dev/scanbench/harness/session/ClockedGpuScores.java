package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.Version;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.ptx.StaticFinding;
import dev.scanbench.harness.scoring.ClockedGpuScoring;
import dev.scanbench.harness.verify.SecretSeed;
import dev.scanbench.harness.worker.WorkerOutcome;
import java.nio.file.Path;
import java.time.Duration;

/**
 * For other modules' tests: a score log entry as {@code workbench score --backend cuda} would write it, made by the
 * real scoring code over the clocked fake device ({@link ClockedGpuScoring}): the worker's result mapped by the
 * parent's {@link OutcomeMapper} and written by {@link ScoreRecord}. Marked {@code simulated: true} (as the software
 * driver marks its entries) and named "clocked fake device": its times are a test fixture's clock, not a GPU's.
 */
public final class ClockedGpuScores {
    /** What the fixture's entries give as the reason for their backend. */
    public static final String WHY = "test fixture: the real GPU scoring over a clocked fake device";

    private ClockedGpuScores() {
    }

    /**
     * @see ClockedGpuScoring#run
     * @return the entry's payload, ready for {@code ScoreLog.append}
     */
    public static ObjectNode record(Path kernel, long n, double msPerLaunch, double jitter, long seed,
                                    Protocol protocol) throws Exception {
        ClockedGpuScoring.Run run = ClockedGpuScoring.run(kernel, n, msPerLaunch, jitter, seed, protocol);
        PreparedCandidate p = run.prepared();
        Candidate c = p.compiled().candidate();
        CandidateFacts facts = new CandidateFacts(kernel.toString(), p.artifact().sourceHash(), p.artifact().sources(), p.plan().render(),
                p.artifact().resources(), p.compiled().checks().findings().stream().map(StaticFinding::describe)
                .toList(), new CompilerFacts(p.artifact().compilerRelease(), p.artifact().flags(), null));
        RunSettings settings = new RunSettings("cuda", WHY, n, protocol,
                protocol == Protocol.RE_BENCH ? Mode.HOT : Mode.COLD, Duration.ofSeconds(20));
        RunOutcome outcome = OutcomeMapper.map(new WorkerOutcome.Completed(run.result(), ""));
        SecretSeed secret = SecretSeed.of(seed);
        ObjectNode record = ScoreRecord.of(new ScoreResult(facts, settings, outcome, secret.sha256(), secret.reveal(),
                Version.get()));
        record.put("simulated", true);
        return record;
    }
}

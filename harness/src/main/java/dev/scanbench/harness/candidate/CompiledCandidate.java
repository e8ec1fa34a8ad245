package dev.scanbench.harness.candidate;

import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.LaunchPlan;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.harness.ptx.StaticReport;
import dev.scanbench.harness.triton.TritonPlans;
import dev.scanbench.tritonbridge.TritonBuild;
import java.util.Optional;

/**
 * A candidate compiled and statically checked, its plan not yet read.
 *
 * @param candidate the file as read
 * @param artifact  PTX, cubin, entries and resource usage
 * @param checks    the static findings (none rejecting: those throw {@link StaticCheckException})
 * @param triton    for a Triton candidate, its kernels' launch facts (block, shared memory, hidden parameters)
 */
public record CompiledCandidate(Candidate candidate, Artifact artifact, StaticReport checks,
                                Optional<TritonBuild> triton) {

    /** A CUDA or PTX candidate. */
    public CompiledCandidate(Candidate candidate, Artifact artifact, StaticReport checks) {
        this(candidate, artifact, checks, Optional.empty());
    }

    /**
     * The launch plan read from the candidate's text; for a Triton candidate, completed with what Triton's
     * launcher passes (see {@link TritonPlans}).
     *
     * @throws PlanException when the plan is missing or malformed, or a Triton launch does not fit its kernel
     */
    public LaunchPlan plan() throws PlanException {
        LaunchPlan written = PlanParser.parse(candidate.path().toString(), candidate.text(),
                CommentStyle.forFile(candidate.path().getFileName().toString()));
        return triton.isPresent() ? TritonPlans.complete(written, triton.get()) : written;
    }
}

package dev.scanbench.harness.candidate;

import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PlannedModule;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.plan.LaunchPlan;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.PlanValidator;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxSignature;

/**
 * A candidate ready to run: compiled, statically checked, its plan parsed from the same text and validated
 * against the compiled entries at the scoring size.
 *
 * @param compiled the compiled candidate
 * @param plan     its launch plan
 */
public record PreparedCandidate(CompiledCandidate compiled, LaunchPlan plan) implements PlannedModule {

    /** The compiled artifact. */
    public Artifact artifact() {
        return compiled.artifact();
    }

    /** What a backend loads: the PTX and the cubin. */
    @Override
    public ModuleImage image() {
        return ModuleImage.of(artifact().ptx(), artifact().cubin());
    }

    /** The compiled entries and their parameters. */
    @Override
    public PtxSignature signature() {
        return artifact().signature();
    }

    /**
     * The plan evaluated for {@code n} and checked against the compiled entries.
     *
     * @throws PlanException when the plan fails at this size (the message names the plan line)
     */
    @Override
    public ResolvedPlan resolve(long n) throws PlanException {
        return PlanValidator.resolve(plan, n, artifact().signature(), artifact().staticSharedBytes());
    }
}

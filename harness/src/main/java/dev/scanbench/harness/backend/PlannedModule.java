package dev.scanbench.harness.backend;

import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxSignature;

/**
 * A candidate as a backend runs it: its compiled module and its launch plan, which resolves at any n. The
 * parent holds it as a {@code PreparedCandidate}; a worker rebuilds it from its request.
 */
public interface PlannedModule {

    /** What a backend loads: the PTX and the cubin. */
    ModuleImage image();

    /** The module's entries and their parameters. */
    PtxSignature signature();

    /**
     * The plan evaluated for {@code n} and checked against the entries.
     *
     * @throws PlanException when the plan fails at this size (the message names the plan line)
     */
    ResolvedPlan resolve(long n) throws PlanException;
}

package dev.scanbench.harness.triton;

import dev.scanbench.harness.plan.Expr;
import dev.scanbench.harness.plan.Launch;
import dev.scanbench.harness.plan.LaunchArg;
import dev.scanbench.harness.plan.LaunchPlan;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.ScratchBuffer;
import dev.scanbench.harness.plan.SourcePos;
import dev.scanbench.tritonbridge.HiddenParam;
import dev.scanbench.tritonbridge.TritonBuild;
import dev.scanbench.tritonbridge.TritonKernel;
import java.util.ArrayList;
import java.util.List;

/**
 * Completes a Triton candidate's plan with what Triton's launcher passes: each launch gets the kernel's
 * dynamic shared memory and its trailing hidden parameters (a null pointer for an unused scratch, else a
 * harness-allocated scratch buffer of {@code bytesPerProgram * gridX * gridY * gridZ} bytes, poisoned between
 * runs like any non-zero scratch). The plan states the block, which must be {@code 32 * num_warps}.
 */
public final class TritonPlans {
    private TritonPlans() {
    }

    /**
     * @param plan  the plan as written
     * @param build the compiled kernels (every launched kernel among them)
     * @return the plan the harness runs
     * @throws PlanException when a launch's block, smem or argument count does not fit its kernel
     */
    public static LaunchPlan complete(LaunchPlan plan, TritonBuild build) throws PlanException {
        List<ScratchBuffer> scratch = new ArrayList<>(plan.scratch());
        List<Launch> launches = new ArrayList<>();
        for (int i = 0; i < plan.launches().size(); i++) {
            Launch l = plan.launches().get(i);
            SourcePos pos = l.pos();
            TritonKernel k = build.kernel(l.entry()).orElseThrow(() -> new PlanException(pos,
                    "kernel " + l.entry() + " was not compiled by the Triton bridge"));
            long threads = 1;
            for (Expr e : l.block()) {
                threads *= e.evaluate(1);
            }
            if (threads != k.threadsPerBlock()) {
                throw new PlanException(pos, "kernel " + k.name() + " is compiled for num_warps=" + k.numWarps()
                        + ", so its block must be " + k.threadsPerBlock() + " threads (32 * num_warps), not " + threads);
            }
            if (!(l.sharedBytes() instanceof Expr.Literal lit && lit.value() == 0)) {
                throw new PlanException(pos, "a Triton launch takes its dynamic shared memory from the compiled"
                        + " kernel (" + k.sharedBytes() + " bytes for " + k.name() + "); remove smem=");
            }
            if (l.args().size() != k.runtimeParams().size()) {
                throw new PlanException(pos, "kernel " + k.name() + " takes " + k.runtimeParams().size()
                        + " arguments (" + String.join(", ", k.runtimeParams()) + "), the launch passes " + l.args().size());
            }
            List<LaunchArg> args = new ArrayList<>(l.args());
            for (HiddenParam h : k.hiddenParams()) {
                if (!h.needsBuffer()) {
                    args.add(new LaunchArg(LaunchArg.Kind.LITERAL, "0", 0, pos));
                } else {
                    String name = "triton_" + (i + 1) + "_" + h.name();
                    scratch.add(new ScratchBuffer(name, bytesFor(h, l.grid(), pos), false, pos));
                    args.add(new LaunchArg(LaunchArg.Kind.SCRATCH, name, 0, pos));
                }
            }
            launches.add(new Launch(l.entry(), l.grid(), l.block(), new Expr.Literal(k.sharedBytes(), pos), args, pos,
                    l.cooperative()));
        }
        return new LaunchPlan(plan.file(), scratch, launches);
    }

    private static Expr bytesFor(HiddenParam h, List<Expr> grid, SourcePos pos) {
        Expr bytes = new Expr.Literal(h.bytesPerProgram(), pos);
        for (Expr g : grid) {
            bytes = new Expr.Binary('*', bytes, g, pos);
        }
        return bytes;
    }
}

package dev.scanbench.harness.candidate;

import dev.scanbench.baseline.task.TaskSpec;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.NvccCompiler;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.LaunchPlan;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.harness.ptx.StaticChecks;
import dev.scanbench.harness.ptx.StaticReport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a kernel file into something a backend runs: compile (nvcc for .cu, ptxas for .ptx), static checks
 * on the PTX, then the plan parsed from the very text that was compiled and validated against the compiled
 * entries at the scoring size {@link TaskSpec#DEFAULT_N} (smaller sizes are validated again when they run).
 */
public final class CandidateLoader {
    private final NvccCompiler compiler;

    /** @param compiler compiles .cu and .ptx candidates */
    public CandidateLoader(NvccCompiler compiler) {
        this.compiler = compiler;
    }

    /**
     * Compiles a candidate and runs the static checks.
     *
     * @throws UnsupportedCandidateException for a .cubin (nothing to compile) or a Triton .py (not yet)
     * @throws StaticCheckException          when the PTX contains a device-side launch
     * @throws CompileException              for a compiler error, with file:line
     */
    public CompiledCandidate compile(Candidate c)
            throws IOException, UnsupportedCandidateException, StaticCheckException, CompileException {
        if (c.kind() == CandidateKind.PTX) {
            // Before assembling: PTX with a device-side launch needs relocatable linking, so ptxas would fail
            // on it with a less telling message.
            reject(c, StaticChecks.check(c.text()));
        }
        Artifact artifact = switch (c.kind()) {
            case CUDA -> {
                Path dir = c.path().toAbsolutePath().getParent();
                yield compiler.compileCuda(c.path().toString(), c.text(), dir);
            }
            case PTX -> compiler.assemblePtx(c.path().toString(), c.text());
            case CUBIN -> throw new UnsupportedCandidateException(c.path() + ": a .cubin is loaded as is by the CUDA"
                    + " backend only; there is nothing to compile, and the emulator runs PTX (give the .cu or .ptx)");
            case TRITON -> throw new UnsupportedCandidateException(c.path() + ": Triton candidates arrive with the"
                    + " triton-bridge; until then give a .cu or .ptx kernel");
        };
        StaticReport report = StaticChecks.check(artifact.ptx());
        reject(c, report);
        return new CompiledCandidate(c, artifact, report);
    }

    private static void reject(Candidate c, StaticReport report) throws StaticCheckException {
        if (report.rejected()) {
            throw new StaticCheckException(StaticChecks.rejectionMessage(c.path().toString(), report), report);
        }
    }

    /**
     * Compiles, checks, and reads and validates the plan at the scoring size.
     *
     * @throws PlanException when the plan is missing, malformed, or invalid at n = {@link TaskSpec#DEFAULT_N}
     */
    public PreparedCandidate prepare(Candidate c) throws IOException, UnsupportedCandidateException,
            StaticCheckException, CompileException, PlanException {
        CompiledCandidate compiled = compile(c);
        LaunchPlan plan = PlanParser.parse(c.path().toString(), c.text(),
                CommentStyle.forFile(c.path().getFileName().toString()));
        PreparedCandidate prepared = new PreparedCandidate(compiled, plan);
        prepared.resolve(TaskSpec.DEFAULT_N);
        return prepared;
    }
}

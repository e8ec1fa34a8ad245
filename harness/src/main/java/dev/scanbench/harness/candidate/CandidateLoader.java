package dev.scanbench.harness.candidate;

import dev.scanbench.baseline.task.TaskSpec;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.NvccCompiler;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.ptx.StaticChecks;
import dev.scanbench.harness.ptx.StaticReport;
import dev.scanbench.harness.triton.TritonCompilation;
import dev.scanbench.harness.triton.TritonFrontEnd;
import dev.scanbench.tritonbridge.TritonCompiler;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a kernel file into something a backend runs: compile (nvcc for .cu, ptxas for .ptx, the Triton bridge
 * then ptxas for .py), static checks
 * on the PTX, then the plan parsed from the very text that was compiled and validated against the compiled
 * entries at the scoring size {@link TaskSpec#DEFAULT_N} (smaller sizes are validated again when they run).
 */
public final class CandidateLoader {
    private final NvccCompiler compiler;
    private final Supplier<TritonCompiler> triton;

    /**
     * A loader whose Triton candidates use the default Triton environment and cache; environment creation
     * (once per machine) reports its steps on stderr.
     *
     * @param compiler compiles .cu and .ptx candidates, and assembles Triton's PTX
     */
    public CandidateLoader(NvccCompiler compiler) {
        this(compiler, () -> TritonCompiler.withDefaults(line -> System.err.println("triton: " + line))
                .withTimeout(compiler.timeout()));
    }

    /**
     * @param compiler compiles .cu and .ptx candidates, and assembles Triton's PTX
     * @param triton   the Triton compiler, made only when a Triton candidate comes
     */
    public CandidateLoader(NvccCompiler compiler, Supplier<TritonCompiler> triton) {
        this.compiler = compiler;
        this.triton = triton;
    }

    /**
     * Compiles a candidate and runs the static checks.
     *
     * @throws UnsupportedCandidateException for a .cubin (nothing to compile)
     * @throws StaticCheckException          when the PTX contains a device-side launch
     * @throws CompileException              for a compiler error, with file:line (for Triton, the bridge's
     *                                       exception is the cause)
     * @throws ToolchainException            when Python or Triton is unusable for a Triton candidate
     */
    public CompiledCandidate compile(Candidate c) throws IOException, UnsupportedCandidateException,
            StaticCheckException, CompileException, ToolchainException {
        if (c.kind() == CandidateKind.PTX) {
            // Before assembling: PTX with a device-side launch needs relocatable linking, so ptxas would fail
            // on it with a less telling message.
            reject(c, StaticChecks.check(c.text()));
        }
        if (c.kind() == CandidateKind.CUBIN) {
            throw new UnsupportedCandidateException(c.path() + ": a .cubin is loaded as is by the CUDA"
                    + " backend only; there is nothing to compile, and the emulator runs PTX (give the .cu or .ptx)");
        }
        if (c.kind() == CandidateKind.TRITON) {
            TritonCompilation t = new TritonFrontEnd(compiler, triton.get()).compile(c.path(), c.text());
            StaticReport report = StaticChecks.check(t.artifact().ptx());
            reject(c, report);
            return new CompiledCandidate(c, t.artifact(), report, Optional.of(t.build()));
        }
        Artifact artifact = c.kind() == CandidateKind.CUDA
                ? compiler.compileCuda(c.path().toString(), c.text(), c.path().toAbsolutePath().getParent())
                : compiler.assemblePtx(c.path().toString(), c.text());
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
            StaticCheckException, CompileException, ToolchainException, PlanException {
        CompiledCandidate compiled = compile(c);
        PreparedCandidate prepared = new PreparedCandidate(compiled, compiled.plan());
        prepared.resolve(TaskSpec.DEFAULT_N);
        return prepared;
    }
}

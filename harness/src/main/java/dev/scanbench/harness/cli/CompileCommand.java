package dev.scanbench.harness.cli;

import dev.scanbench.harness.session.ScoreRecord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.baseline.task.TaskSpec;
import dev.scanbench.emulator.UnsupportedInstruction;
import dev.scanbench.harness.backend.emulator.EmulatorSupport;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.CompiledCandidate;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.candidate.StaticCheckException;
import dev.scanbench.harness.candidate.UnsupportedCandidateException;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.ResourceUsage;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.tritonbridge.HiddenParam;
import dev.scanbench.tritonbridge.TritonKernel;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxEntry;
import dev.scanbench.harness.ptx.PtxParam;
import dev.scanbench.harness.ptx.StaticFinding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `workbench compile KERNEL`: compile, check statically, and summarise the artifact and the plan. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {
            "Compile a kernel (.cu with nvcc -O3 -arch=sm_90a -lineinfo, .ptx with ptxas) and show what came out.",
            "Its entries with registers, spills, shared memory and stack (from ptxas), whether the compile cache served it, the static checks' findings, whether its @plan is valid at the scoring n = 100,000,000, and every instruction the PTX emulator cannot run (with its PTX and .cu line). Compile errors are shown with file:line (exit 1); so are static-check rejections. A plan problem or an instruction the emulator lacks is reported but does not fail this command (verify and score refuse it)."
        })
final class CompileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    CompileOptions compileOptions;

    @Parameters(index = "0", paramLabel = "KERNEL", description = "The kernel file: .cu, .ptx or .py (Triton).")
    Path kernel;

    @Option(names = "--json", description = "Print the result as JSON (for agents).")
    boolean json;

    @Override
    public Integer call() throws IOException, CliFailure {
        Candidate candidate = CandidateInput.read(kernel);
        CandidateLoader loader = new CandidateLoader(compileOptions.compiler());
        Progress.to(spec.commandLine().getErr()).say("compiling %s", kernel);
        CompiledCandidate compiled;
        try {
            compiled = loader.compile(candidate);
        } catch (UnsupportedCandidateException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        } catch (ToolchainException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, e.getMessage());
        } catch (CompileException e) {
            return reject(candidate, Rejection.of(e));
        } catch (StaticCheckException e) {
            return reject(candidate, Rejection.of(e));
        }
        PlanStatus plan = plan(compiled);
        List<UnsupportedInstruction> unsupported = EmulatorSupport.unsupported(compiled.artifact().ptx());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode doc = toJson(compiled, plan);
            ObjectNode emulator = doc.putObject("emulator");
            emulator.put("runs", unsupported.isEmpty());
            emulator.set("unsupported", EmulatorSupport.toJson(unsupported));
            Json.print(out, doc);
        } else {
            print(out, compiled, plan);
            printUnsupported(out, unsupported);
        }
        return ExitCode.OK;
    }

    /** The plan validated at the scoring size, or why it is not valid. */
    private record PlanStatus(ResolvedPlan resolved, String error) {
    }

    private static PlanStatus plan(CompiledCandidate c) {
        try {
            PreparedCandidate p = new PreparedCandidate(c, c.plan());
            return new PlanStatus(p.resolve(TaskSpec.DEFAULT_N), null);
        } catch (PlanException e) {
            return new PlanStatus(null, e.getMessage());
        }
    }

    private int reject(Candidate candidate, Rejection r) {
        if (json) {
            ObjectNode node = Json.object();
            node.put("kernel", candidate.path().toString());
            node.put("ok", false);
            node.set("error", r.toJson());
            Json.print(spec.commandLine().getOut(), node);
        } else {
            spec.commandLine().getErr().println(candidate.path() + ": " + r.describe());
        }
        return ExitCode.CHECK_FAILED;
    }

    private static ObjectNode toJson(CompiledCandidate c, PlanStatus plan) {
        Artifact a = c.artifact();
        ObjectNode node = Json.object();
        node.put("kernel", c.candidate().path().toString());
        node.put("ok", true);
        node.put("kind", c.candidate().kind().name().toLowerCase(java.util.Locale.ROOT));
        node.put("source_sha256", a.sourceHash());
        ScoreRecord.sources(node, a.sources());
        node.put("cached", a.cached());
        node.put("compiler", a.compilerRelease());
        ArrayNode flags = node.putArray("flags");
        a.flags().forEach(flags::add);
        ArrayNode entries = node.putArray("entries");
        for (PtxEntry e : a.signature().entries()) {
            ObjectNode o = entries.addObject();
            o.put("name", e.name());
            o.put("simple_name", e.simpleName());
            ArrayNode params = o.putArray("params");
            e.params().stream().map(PtxParam::render).forEach(params::add);
            ResourceUsage r = a.resources().get(e.name());
            if (r != null) {
                o.put("registers", r.registers());
                o.put("spill_store_bytes", r.spillStoreBytes());
                o.put("spill_load_bytes", r.spillLoadBytes());
                o.put("shared_bytes", r.sharedBytes());
                o.put("stack_bytes", r.stackFrameBytes());
                o.put("barriers", r.barriers());
            }
            c.triton().flatMap(b -> b.kernel(e.name())).ifPresent(k -> o.set("triton", tritonJson(k)));
        }
        ArrayNode findings = node.putArray("static_findings");
        for (StaticFinding f : c.checks().findings()) {
            ObjectNode o = findings.addObject();
            o.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
            o.put("ptx_line", f.line());
            o.put("symbol", f.symbol());
            o.put("source", f.source());
            o.put("rejects", f.kind().rejects());
        }
        ObjectNode p = node.putObject("plan");
        p.put("ok", plan.error() == null);
        p.put("n", TaskSpec.DEFAULT_N);
        if (plan.error() == null) {
            p.put("launches", plan.resolved().launches().size());
            p.put("scratch_bytes", plan.resolved().scratchBytes());
        } else {
            p.put("error", plan.error());
        }
        node.put("log", a.log());
        return node;
    }

    /** Every instruction the emulator cannot run, with its PTX and source line: all of them, at once. */
    private static void printUnsupported(PrintWriter out, List<UnsupportedInstruction> unsupported) {
        if (unsupported.isEmpty()) {
            out.println("  emulator: runs every instruction");
            return;
        }
        out.printf("  emulator: cannot run %d instruction(s); verify, run and score refuse it there (exit 3),"
                + " a GPU runs it:%n", unsupported.size());
        unsupported.forEach(u -> out.println("    " + u));
    }

    /** What Triton decided for a kernel, which the launch uses: block, dynamic shared memory, hidden params. */
    private static ObjectNode tritonJson(TritonKernel k) {
        ObjectNode t = Json.object();
        t.put("num_warps", k.numWarps());
        t.put("threads_per_block", k.threadsPerBlock());
        t.put("dynamic_shared_bytes", k.sharedBytes());
        ObjectNode constexprs = t.putObject("constexprs");
        k.constexprs().forEach((name, value) -> constexprs.put(name, String.valueOf(value)));
        ArrayNode hidden = t.putArray("hidden_params");
        for (HiddenParam h : k.hiddenParams()) {
            hidden.addObject().put("name", h.name()).put("bytes_per_program", h.bytesPerProgram()).put("align", h.align());
        }
        return t;
    }

    private static void print(PrintWriter out, CompiledCandidate c, PlanStatus plan) {
        Artifact a = c.artifact();
        out.printf("%s: compiled%s (%s)%n", c.candidate().path(), a.cached() ? " (from the cache)" : "",
                a.compilerRelease());
        for (PtxEntry e : a.signature().entries()) {
            ResourceUsage r = a.resources().get(e.name());
            out.printf("  entry %s%s: %s%n", e.name(), e.simpleName().equals(e.name()) ? "" : " (" + e.simpleName() + ")",
                    r == null ? "no ptxas report" : r.describe());
            c.triton().flatMap(b -> b.kernel(e.name())).ifPresent(k -> out.printf(
                    "    triton: num_warps=%d (block %d), %,d B dynamic smem, constexprs %s%n", k.numWarps(),
                    k.threadsPerBlock(), k.sharedBytes(), k.constexprs()));
        }
        c.checks().findings().forEach(f -> out.println("  note: " + f.describe()));
        if (plan.error() == null) {
            out.printf("  plan: %d launch(es), %,d scratch bytes at n = %,d%n", plan.resolved().launches().size(),
                    plan.resolved().scratchBytes(), TaskSpec.DEFAULT_N);
        } else {
            out.println("  plan: NOT valid: " + plan.error());
        }
        if (!a.log().isBlank()) {
            out.print(a.log().endsWith("\n") ? a.log() : a.log() + "\n");
        }
    }
}

package dev.scanbench.harness.triton;

import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.Diagnostic;
import dev.scanbench.harness.compile.NvccCompiler;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.Launch;
import dev.scanbench.harness.plan.LaunchArg;
import dev.scanbench.harness.plan.LaunchPlan;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.tritonbridge.KernelSpec;
import dev.scanbench.tritonbridge.MissingKernelException;
import dev.scanbench.tritonbridge.TritonBuild;
import dev.scanbench.tritonbridge.TritonCompiler;
import dev.scanbench.tritonbridge.TritonDirectives;
import dev.scanbench.tritonbridge.TritonEnvironmentException;
import dev.scanbench.tritonbridge.TritonException;
import dev.scanbench.tritonbridge.TritonKernelException;
import dev.scanbench.tritonbridge.TritonSourceException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a Triton candidate: every kernel its plan launches, with the settings of its {@code @plan triton}
 * line (or Triton's defaults), the signature stated there or else read off the launch arguments
 * ({@code x}, {@code y} and scratch as {@code *i32}, {@code n} and integers as {@code i32}); then one PTX module
 * of all kernels, assembled by ptxas as a {@code .ptx} candidate is.
 */
public final class TritonFrontEnd {
    private final NvccCompiler ptxas;
    private final TritonCompiler triton;

    /**
     * @param ptxas  assembles the merged PTX (and caches the artifact)
     * @param triton runs Triton
     */
    public TritonFrontEnd(NvccCompiler ptxas, TritonCompiler triton) {
        this.ptxas = ptxas;
        this.triton = triton;
    }

    /**
     * @param file the candidate's path as the user gave it
     * @param text its content as read once
     * @throws CompileException   for anything wrong with the candidate: malformed Python (file:line), a kernel
     *                            Triton refuses (Triton's message), a plan naming a missing kernel, a bad
     *                            {@code @plan triton} line; the bridge's exception is the cause
     * @throws ToolchainException when Python or Triton is unusable (the message says how to fix it)
     */
    public TritonCompilation compile(Path file, String text) throws IOException, CompileException, ToolchainException {
        String name = file.toString();
        try {
            List<KernelSpec> specs = specs(name, text);
            long start = System.nanoTime();
            TritonBuild build = triton.compile(file, specs);
            // One limit for the whole compile: ptxas gets what the bridge left of it.
            Duration left = ptxas.timeout().minusNanos(System.nanoTime() - start);
            NvccCompiler assembler = ptxas.withTimeout(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
            // The artifact stands for the .py the user wrote (and its local modules), not for the PTX made from it.
            Artifact artifact = assembler.assemblePtx(name, build.mergedPtx()).withSources(build.sources());
            return new TritonCompilation(artifact, build);
        } catch (TritonEnvironmentException e) {
            ToolchainException t = new ToolchainException(e.getMessage());
            t.initCause(e);
            throw t;
        } catch (TritonException e) {
            CompileException c = new CompileException(name + ": Triton compilation failed:", e.getMessage(),
                    List.of(new Diagnostic(name, line(e), "error", e.getMessage())));
            c.initCause(e);
            throw c;
        } catch (PlanException e) {
            CompileException c = new CompileException(name + ": the plan does not say what to compile:",
                    e.getMessage(), List.of(new Diagnostic(name, e.position().line(), "error", e.problem())));
            c.initCause(e);
            throw c;
        }
    }

    /** One spec per launched kernel, in order of first launch. */
    static List<KernelSpec> specs(String file, String text) throws TritonException, PlanException {
        LaunchPlan plan = PlanParser.parse(file, text, CommentStyle.HASH);
        Map<String, KernelSpec> declared = new LinkedHashMap<>();
        for (KernelSpec s : TritonDirectives.parse(file, text)) {
            declared.put(s.name(), s);
        }
        Map<String, KernelSpec> out = new LinkedHashMap<>();
        for (Launch l : plan.launches()) {
            if (!out.containsKey(l.entry())) {
                KernelSpec s = declared.getOrDefault(l.entry(), KernelSpec.defaults(l.entry()));
                out.put(l.entry(), s.hasSignature() ? s : s.withSignature(signatureOf(l)));
            }
        }
        for (KernelSpec s : declared.values()) {
            if (!out.containsKey(s.name())) {
                throw new MissingKernelException(file + ":" + s.line() + ": '@plan triton " + s.name()
                        + "' names a kernel no '@plan launch' runs (launched: " + String.join(", ", out.keySet()) + ")",
                        s.name());
            }
        }
        return new ArrayList<>(out.values());
    }

    private static List<String> signatureOf(Launch l) {
        List<String> types = new ArrayList<>();
        for (LaunchArg a : l.args()) {
            if (a.isPointer()) {
                types.add("*i32");
            } else {
                long v = a.kind() == LaunchArg.Kind.LITERAL ? a.value() : 0;
                types.add(v == (int) v ? "i32" : "i64");
            }
        }
        return types;
    }

    private static int line(TritonException e) {
        if (e instanceof TritonSourceException s) {
            return s.line();
        }
        if (e instanceof TritonKernelException k) {
            return k.line();
        }
        String m = e.getMessage();
        java.util.regex.Matcher at = java.util.regex.Pattern.compile("^[^\\n]*?\\.py:(\\d+)").matcher(m);
        return at.find() ? Integer.parseInt(at.group(1)) : 0;
    }
}

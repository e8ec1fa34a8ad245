package dev.scanbench.harness.scoring;

import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.NvccCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The workbench's reference kernel and starting solution as a GPU scoring run uses them (the build copies
 * {@code reference/decoupled_lookback.cu} and {@code baseline/cuda/starting_solution.cu} into the jar, so the
 * worker's copies are the ones the tests verify).
 */
public final class OwnKernels {
    static final String REFERENCE = "decoupled_lookback.cu";
    static final String START = "starting_solution.cu";

    private OwnKernels() {
    }

    /** Compiles both (cache hits after the first time), with the times already known for this run's settings. */
    public static DeviceReferences compile(NvccCompiler compiler, Map<String, DeviceBaseline> known)
            throws IOException, CompileException {
        return new DeviceReferences(planned(compiler, REFERENCE), planned(compiler, START), known);
    }

    /** The reference kernel's file name and source, as the jar holds them. */
    public static Map.Entry<String, String> reference() throws IOException {
        return Map.entry(REFERENCE, source(REFERENCE));
    }

    /** The starting solution's file name and source, as the jar holds them. */
    public static Map.Entry<String, String> startingSolution() throws IOException {
        return Map.entry(START, source(START));
    }

    private static String source(String file) throws IOException {
        try (InputStream in = OwnKernels.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IOException("the workbench jar lacks its resource " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static DeviceReferences.PlannedModule planned(NvccCompiler compiler, String file)
            throws IOException, CompileException {
        String source = source(file);
        Artifact a = compiler.compileCuda(file, source, null);
        return new DeviceReferences.PlannedModule(ScoreRequest.CompiledModule.of(a), file, source, a.staticSharedBytes());
    }
}

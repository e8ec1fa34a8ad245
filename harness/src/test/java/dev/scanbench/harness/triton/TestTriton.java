package dev.scanbench.harness.triton;

import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.tritonbridge.TritonCache;
import dev.scanbench.tritonbridge.TritonCompiler;
import dev.scanbench.tritonbridge.TritonDefaults;
import dev.scanbench.tritonbridge.TritonEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real Triton compiler for harness tests: the machine's Triton environment (created on first use), and a
 * cache private to this test run, so every build really runs Triton, once per kernel file.
 */
public final class TestTriton {
    /** The Triton example candidates. */
    public static final Path EXAMPLES = Path.of("../kernels/triton");

    private static TritonCompiler shared;

    private TestTriton() {
    }

    /** The shared Triton compiler. */
    public static synchronized TritonCompiler compiler() {
        if (shared == null) {
            try {
                Path cache = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "triton-cache-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(cache)));
                shared = new TritonCompiler(TritonEnvironment.atDefaultLocation(), Optional.of(new TritonCache(cache)),
                        TritonDefaults.COMPILE_TIMEOUT, line -> System.err.println("triton: " + line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A left-over folder under target/ is harmless; the next clean removes it.
        }
    }

    /** A candidate loader with the shared nvcc and Triton compilers. */
    public static CandidateLoader loader() {
        return new CandidateLoader(TestCompilers.shared(), TestTriton::compiler);
    }
}

package dev.scanbench.harness.compile;

import dev.scanbench.harness.Defaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One real nvcc-backed compiler per test JVM, with a cache folder private to this run: each source is
 * compiled once per build (nvcc takes about a second), and every build still compiles for real.
 */
public final class TestCompilers {
    private static NvccCompiler shared;
    private static Toolchain toolchain;

    private TestCompilers() {
    }

    /** The located toolchain (fails the test when nvcc is missing: the build requires it). */
    public static synchronized Toolchain toolchain() {
        if (toolchain == null) {
            try {
                toolchain = Toolchain.locate();
            } catch (ToolchainException e) {
                throw new IllegalStateException("these tests need the CUDA toolkit: " + e.getMessage(), e);
            }
        }
        return toolchain;
    }

    /** The shared compiler with its per-run cache. */
    public static synchronized NvccCompiler shared() {
        if (shared == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target"));
                Path cache = Files.createTempDirectory(dir, "nvcc-cache-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dev.scanbench.sandbox.WorkDir.deleteTree(cache)));
                shared = new NvccCompiler(toolchain(), Optional.of(new CompileCache(cache)),
                        Defaults.COMPILE_TIMEOUT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Compiles CUDA source given as text with the shared compiler. */
    public static Artifact compileCuda(String name, String source) {
        try {
            return shared().compileCuda(name, source, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CompileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}

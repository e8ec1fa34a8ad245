package dev.scanbench.tritonbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real Triton compiler (the environment is created on first use, once per machine). Each test has
 * its own cache, so Triton really runs.
 */
class TritonCompilerTest {
    @TempDir
    static Path files;

    @TempDir
    Path cacheDir;

    @BeforeAll
    static void environment() throws Exception {
        TritonEnvironment.atDefaultLocation().ensureReady(line -> System.err.println("[triton-env] " + line));
    }

    private TritonCompiler compiler() {
        return new TritonCompiler(TritonEnvironment.atDefaultLocation(), Optional.of(new TritonCache(cacheDir)),
                TritonDefaults.COMPILE_TIMEOUT, line -> { });
    }

    static Path resource(String name) throws IOException {
        Path target = files.resolve(name);
        try (InputStream in = TritonCompilerTest.class.getResourceAsStream(name)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    @Test
    void compilesEveryPlannedKernelWithItsLaunchFacts() throws Exception {
        Path file = resource("two_kernels.py");
        List<KernelSpec> specs = TritonDirectives.parse(file.toString(), Files.readString(file));
        TritonBuild build = compiler().compile(file, specs);

        assertThat(build.cached()).isFalse();
        assertThat(build.tritonVersion()).isEqualTo(TritonDefaults.TRITON_VERSION);
        TritonKernel copy = build.kernel("copy_block").orElseThrow();
        TritonKernel sums = build.kernel("block_sums").orElseThrow();
        assertThat(copy.numWarps()).isEqualTo(2);
        assertThat(copy.threadsPerBlock()).isEqualTo(64);
        assertThat(sums.threadsPerBlock()).isEqualTo(256);
        assertThat(copy.constexprs()).containsEntry("BLOCK", 256L);
        assertThat(sums.constexprs()).containsEntry("BLOCK", 1024L);
        assertThat(sums.runtimeParams()).containsExactly("x_ptr", "y_ptr", "n");
        // A block-wide cumsum goes through shared memory; a copy does not.
        assertThat(sums.sharedBytes()).isPositive();
        assertThat(copy.hiddenParams()).extracting(HiddenParam::name)
                .containsExactly("global_scratch", "profile_scratch");
        assertThat(copy.hiddenParams()).noneMatch(HiddenParam::needsBuffer);
        // The PTX entry takes the runtime parameters plus the hidden ones, as the launcher passes them.
        assertThat(copy.ptx()).contains(".visible .entry copy_block(", "copy_block_param_4").doesNotContain("copy_block_param_5");
        assertThat(copy.ptx()).contains(".target sm_90a");
        assertThat(copy.cubin()).startsWith(0x7f, 'E', 'L', 'F');

        String merged = build.mergedPtx();
        assertThat(merged).contains(".entry copy_block(", ".entry block_sums(");
        assertThat(merged.split("\\.version ", -1)).hasSize(2);
        assertThat(merged.split("global_smem\\[\\];", -1)).hasSize(2);
        assertThat(merged).doesNotContain(".section", "inlined_at");

        TritonBuild again = compiler().compile(file, specs);
        assertThat(again.cached()).isTrue();
        assertThat(again.kernel("block_sums").orElseThrow().ptx()).isEqualTo(sums.ptx());
        assertThat(again.kernel("block_sums").orElseThrow().hiddenParams()).isEqualTo(sums.hiddenParams());
    }

    @Test
    void malformedPythonNamesFileAndLine() throws Exception {
        Path file = resource("syntax_error.py");
        assertThatThrownBy(() -> compiler().compile(file, List.of(spec("broken"))))
                .isInstanceOf(TritonSourceException.class)
                .hasMessageStartingWith(file + ":7")
                .hasMessageContaining("was never closed")
                .satisfies(e -> assertThat(((TritonSourceException) e).line()).isEqualTo(7));
    }

    @Test
    void aKernelTritonRefusesGivesTritonsMessageAndTheLine() throws Exception {
        Path file = resource("bad_kernel.py");
        assertThatThrownBy(() -> compiler().compile(file, List.of(spec("uses_unknown"))))
                .isInstanceOf(TritonKernelException.class)
                .hasMessageStartingWith(file + ":9: Triton could not compile kernel uses_unknown")
                .hasMessageContaining("no_such_function");
    }

    @Test
    void aPlanNamingAMissingKernelListsTheKernelsFound() throws Exception {
        Path file = resource("two_kernels.py");
        KernelSpec missing = new KernelSpec("scan_tiles", List.of("*i32"), java.util.Map.of(), 4, 3, 5);
        assertThatThrownBy(() -> compiler().compile(file, List.of(missing)))
                .isInstanceOf(MissingKernelException.class)
                .hasMessage(file + ":5: the plan names kernel 'scan_tiles' but the file defines no @triton.jit"
                        + " function of that name (found: block_sums, copy_block)");
    }

    @Test
    void aSpecThatDoesNotFitItsKernelNamesTheDirective() throws Exception {
        Path file = resource("two_kernels.py");
        KernelSpec unknownConstexpr = new KernelSpec("copy_block", List.of("*i32", "*i32", "i32"),
                java.util.Map.of("BLOCK", 128L, "TILE", 4L), 4, 3, 6);
        assertThatThrownBy(() -> compiler().compile(file, List.of(unknownConstexpr)))
                .isInstanceOf(TritonPlanException.class)
                .hasMessage(file + ":6: kernel copy_block has no parameter named TILE"
                        + " (its parameters: x_ptr, y_ptr, n, BLOCK)");
        KernelSpec shortSignature = new KernelSpec("copy_block", List.of("*i32", "*i32"),
                java.util.Map.of("BLOCK", 128L), 4, 3, 6);
        assertThatThrownBy(() -> compiler().compile(file, List.of(shortSignature)))
                .hasMessage(file + ":6: kernel copy_block has 3 runtime parameters (x_ptr, y_ptr, n)"
                        + " but the plan gives 2 types");
    }

    private static KernelSpec spec(String name) {
        return new KernelSpec(name, List.of("*i32", "*i32", "i32"), java.util.Map.of("BLOCK", 128L), 4, 3, 0);
    }

    @Test
    void withoutASandboxATritonCandidateIsRefusedAndNothingOfItRuns() throws Exception {
        Path file = resource("two_kernels.py");
        TritonCompiler uncontained = new TritonCompiler(TritonEnvironment.atDefaultLocation(),
                Optional.of(new TritonCache(cacheDir)), TritonDefaults.COMPILE_TIMEOUT, line -> { },
                dev.scanbench.sandbox.Sandbox.host("bwrap is not installed (test)"));
        List<KernelSpec> specs = TritonDirectives.parse(file.toString(), Files.readString(file));

        assertThatThrownBy(() -> uncontained.compile(file, specs))
                .isInstanceOf(TritonSandboxException.class)
                .isInstanceOf(TritonEnvironmentException.class)
                .hasMessageContaining("only inside its sandbox", "bwrap is not installed (test)")
                .hasMessageContaining("apt-get install bubblewrap");
    }

    @Test
    void localModulesAreImportedFromCopiesAndPartOfTheSources() throws Exception {
        Path file = resource("two_kernels.py");
        Path helper = files.resolve("wb_helper_consts.py");
        Files.writeString(helper, "BLOCK = 256\n");
        Path withImport = files.resolve("two_kernels_importing.py");
        Files.writeString(withImport, Files.readString(file).replace("import triton\n",
                "import triton\nimport wb_helper_consts\n"));
        List<KernelSpec> specs = TritonDirectives.parse(withImport.toString(), Files.readString(withImport));

        TritonBuild build = compiler().compile(withImport, specs);

        assertThat(build.sources()).extracting(dev.scanbench.sandbox.SourceDigest::path)
                .containsExactly(withImport.toString(), files.resolve("wb_helper_consts.py").toString());
        Files.writeString(helper, "BLOCK = 512\n");
        assertThat(compiler().compile(withImport, specs).cached()).as("a changed module recompiles").isFalse();
    }
}

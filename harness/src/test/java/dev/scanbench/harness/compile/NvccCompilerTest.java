package dev.scanbench.harness.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvccCompilerTest {

    static final String SCAN = String.join("\n",
            "// @plan launch tile_scan grid=ceil_div(n, 256) block=256 args=(x, y, n)",
            "extern \"C\" __global__ void tile_scan(const int* __restrict__ x, int* y, int n) {",
            "    __shared__ int s[256];",
            "    int i = blockIdx.x * blockDim.x + threadIdx.x;",
            "    s[threadIdx.x] = i < n ? x[i] : 0;",
            "    __syncthreads();",
            "    if (i < n) y[i] = s[threadIdx.x] + s[(threadIdx.x + 1) % 256];",
            "}",
            "__global__ void helper(int* y) { y[threadIdx.x] = 1; }",
            "");

    @Test
    void compilesCudaToPtxCubinAndResourceUsage() {
        Artifact a = TestCompilers.compileCuda("kernels/scan.cu", SCAN);
        assertThat(a.sourceFile()).isEqualTo("kernels/scan.cu");
        assertThat(a.sourceHash()).isEqualTo(Sha256.hex(SCAN)).hasSize(64);
        assertThat(a.ptx()).contains(".target sm_90a").contains(".visible .entry tile_scan(");
        byte[] cubin = a.cubin();
        assertThat(cubin).startsWith(0x7f, 'E', 'L', 'F');
        assertThat(a.signature().entries()).extracting(e -> e.name()).containsExactly("tile_scan", "_Z6helperPi");
        ResourceUsage scan = a.resources().get("tile_scan");
        assertThat(scan.registers()).isBetween(1, 255);
        assertThat(scan.sharedBytes()).isEqualTo(1024);
        assertThat(scan.barriers()).isEqualTo(1);
        assertThat(scan.spills()).isFalse();
        assertThat(a.resources().get("_Z6helperPi").sharedBytes()).isZero();
        assertThat(a.staticSharedBytes()).containsEntry("tile_scan", 1024L);
        assertThat(a.compilerRelease()).startsWith("Cuda compilation tools, release ");
        assertThat(a.flags()).containsExactly("-O3", "-arch=sm_90a", "-lineinfo", "-arch=sm_90a", "-m64", "-v");
    }

    @Test
    void reportsSpillsAndStack() {
        String src = "__global__ void __launch_bounds__(1024, 2) heavy(int* y, int n) {\n"
                + "  int a[64];\n"
                + "  for (int i = 0; i < 64; i++) a[i] = y[i * n + threadIdx.x];\n"
                + "  for (int j = 0; j < 64; j++) for (int i = 0; i < 64; i++) a[i] += a[(i * j + n) & 63] * y[i];\n"
                + "  for (int i = 0; i < 64; i++) y[i + 7] = a[i];\n"
                + "}\n";
        ResourceUsage u = TestCompilers.compileCuda("heavy.cu", src).resources().get("_Z5heavyPii");
        assertThat(u.stackFrameBytes()).isPositive();
        assertThat(u.registers()).isLessThanOrEqualTo(32);
    }

    @Test
    void cachesByContentAndRecompilesCorruptEntries(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir.resolve("cache"));
        NvccCompiler nvcc = new NvccCompiler(TestCompilers.toolchain(), Optional.of(cache), Duration.ofSeconds(120));
        Artifact first = nvcc.compileCuda("k.cu", SCAN, null);
        assertThat(first.cached()).isFalse();
        Artifact second = nvcc.compileCuda("k.cu", SCAN, null);
        assertThat(second.cached()).isTrue();
        assertThat(second.ptx()).isEqualTo(first.ptx());
        assertThat(second.cubin()).isEqualTo(first.cubin());
        assertThat(second.resources()).isEqualTo(first.resources());
        assertThat(second.cacheKey()).isEqualTo(first.cacheKey());
        assertThat(nvcc.compileCuda("k.cu", SCAN + "__global__ void more(int* y) { y[0] = 2; }\n", null).cacheKey())
                .isNotEqualTo(first.cacheKey());

        Path entry = cache.root().resolve(first.cacheKey());
        byte[] cubin = Files.readAllBytes(entry.resolve("kernel.cubin"));
        cubin[cubin.length / 2] ^= 1;
        Files.write(entry.resolve("kernel.cubin"), cubin);
        Artifact afterCorruption = nvcc.compileCuda("k.cu", SCAN, null);
        assertThat(afterCorruption.cached()).isFalse();
        assertThat(afterCorruption.cubin()).isEqualTo(first.cubin());
        assertThat(cache.load(first.cacheKey())).isPresent();

        Files.writeString(entry.resolve("meta.json"), "{ \"format\": 1, \"key\": ");
        assertThat(cache.load(first.cacheKey())).isEmpty();
        assertThat(entry).doesNotExist();
        assertThat(nvcc.compileCuda("k.cu", SCAN, null).cached()).isFalse();
        try (var listing = Files.list(cache.root())) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .as("no temporary or trash folders left behind")
                    .noneMatch(n -> n.startsWith(".") && !n.equals(".seal-key"));
        }
    }

    @Test
    void aCommentOnlyEditIsServedFromTheCacheWithTheNewFilesHash(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir.resolve("cache"));
        NvccCompiler nvcc = new NvccCompiler(TestCompilers.toolchain(), Optional.of(cache), Duration.ofSeconds(120));
        Artifact first = nvcc.compileCuda("k.cu", SCAN, null);
        String edited = SCAN.replace("__syncthreads();", "__syncthreads(); /* both halves */") + "// tried 7\n";

        Artifact again = nvcc.compileCuda("k.cu", edited, null);

        assertThat(again.cached()).isTrue();
        assertThat(again.ptx()).isEqualTo(first.ptx());
        assertThat(again.sourceHash()).as("the entry stands for the edited file").isEqualTo(Sha256.hex(edited));
        assertThat(again.sources()).extracting(d -> d.sha256()).containsExactly(Sha256.hex(edited));
        String moved = "// one more line above the code moves every line\n" + SCAN;
        assertThat(nvcc.compileCuda("k.cu", moved, null).cached()).as("lines moved: -lineinfo differs").isFalse();
    }

    @Test
    void warningsOfAGoodCompileAreKeptWithTheUsersPath() {
        String src = "__global__ void w(int* y) {\n  int unused = 3;\n  y[0] = 1;\n}\n";
        Artifact a = TestCompilers.compileCuda("kernels/warn.cu", src);
        assertThat(a.log()).contains("kernels/warn.cu(2): warning").doesNotContain("workbench-nvcc-")
                .doesNotContain("ptxas info");
    }

    @Test
    void storingAKeyTwiceKeepsOneIntactEntry(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        Artifact a = TestCompilers.compileCuda("twice.cu", SCAN);
        cache.store(a);
        cache.store(a);
        Artifact loaded = cache.load(a.cacheKey()).orElseThrow();
        assertThat(loaded.cached()).isTrue();
        assertThat(loaded.cubin()).isEqualTo(a.cubin());
        assertThat(loaded.signature()).isEqualTo(a.signature());
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(a.cacheKey(),
                    ".seal-key");
        }
    }

    @Test
    void compileErrorsNameTheUsersFileAndLine() {
        String src = "__global__ void f(int* y) {\n  int ok = 1;\n  y[0] = undefined_thing + ok;\n}\n";
        assertThatThrownBy(() -> TestCompilers.shared().compileCuda("kernels/bad.cu", src, null))
                .isInstanceOfSatisfying(CompileException.class, e -> {
                    assertThat(e.getMessage())
                            .startsWith("kernels/bad.cu: nvcc failed (exit code 1):\n")
                            .contains("kernels/bad.cu(3): error: identifier \"undefined_thing\" is undefined")
                            .doesNotContain("workbench-nvcc-");
                    assertThat(e.diagnostics()).first().satisfies(d -> {
                        assertThat(d.file()).isEqualTo("kernels/bad.cu");
                        assertThat(d.line()).isEqualTo(3);
                        assertThat(d.isError()).isTrue();
                        assertThat(d.message()).isEqualTo("identifier \"undefined_thing\" is undefined");
                    });
                });
        assertThatThrownBy(() -> TestCompilers.shared().compileCuda("k2.cu", "\n#include \"nowhere.cuh\"\n", null))
                .isInstanceOfSatisfying(CompileException.class, e -> assertThat(e.diagnostics()).first()
                        .isEqualTo(new Diagnostic("k2.cu", 2, "fatal error", "nowhere.cuh: No such file or directory")));
    }

    @Test
    void ptxasFailuresAreCompileErrors() {
        String src = "__global__ void big(int* y) { __shared__ int s[60000]; s[threadIdx.x] = y[threadIdx.x];"
                + " __syncthreads(); y[threadIdx.x] = s[threadIdx.x + 1]; }\n";
        assertThatThrownBy(() -> TestCompilers.shared().compileCuda("big.cu", src, null))
                .isInstanceOfSatisfying(CompileException.class, e -> {
                    assertThat(e.getMessage()).startsWith("big.cu: ptxas failed");
                    assertThat(e.diagnostics()).first().satisfies(d -> {
                        assertThat(d.file()).isEqualTo("big.cu");
                        assertThat(d.message()).contains("uses too much shared data");
                    });
                });
    }

    @Test
    void relativeIncludesResolveAgainstTheKernelsFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("common.cuh"), "#define TILE 128\n");
        Path kernel = dir.resolve("inc.cu");
        Files.writeString(kernel, "#include \"common.cuh\"\n__global__ void inc(int* y) { y[threadIdx.x] = TILE; }\n");
        Artifact a = TestCompilers.shared().compile(kernel);
        assertThat(a.ptx()).contains("128");
        assertThat(a.sourceFile()).isEqualTo(kernel.toString());
    }

    @Test
    void ptxCandidatesAreAssembledAsIs(@TempDir Path dir) throws Exception {
        String ptx = TestCompilers.compileCuda("scan.cu", SCAN).ptx();
        Path file = dir.resolve("scan.ptx");
        Files.writeString(file, ptx);
        Artifact a = TestCompilers.shared().compile(file);
        assertThat(a.ptx()).isEqualTo(ptx);
        assertThat(a.sourceHash()).isEqualTo(Sha256.hex(ptx));
        assertThat(a.flags()).containsExactly("-arch=sm_90a", "-m64", "-v");
        assertThat(a.resources().get("tile_scan").sharedBytes()).isEqualTo(1024);
        assertThat(a.cubin()).startsWith(0x7f, 'E', 'L', 'F');
    }

    @Test
    void ptxErrorsNameTheUsersFileAndPtxLine() {
        String bad = String.join("\n", ".version 9.0", ".target sm_90a", ".address_size 64",
                ".visible .entry f(.param .u64 a)", "{", "  .reg .b32 %r<2>;", "  frobnicate.u32 %r1;", "  ret;", "}", "");
        assertThatThrownBy(() -> TestCompilers.shared().assemblePtx("kernels/hand.ptx", bad))
                .isInstanceOfSatisfying(CompileException.class, e -> {
                    assertThat(e.getMessage()).startsWith("kernels/hand.ptx: ptxas failed").doesNotContain("workbench-ptxas-");
                    assertThat(e.diagnostics()).filteredOn(d -> d.line() > 0).isNotEmpty()
                            .allSatisfy(d -> {
                                assertThat(d.file()).isEqualTo("kernels/hand.ptx");
                                assertThat(d.line()).isEqualTo(7);
                            });
                });
    }

    @Test
    void otherFileTypesAreRefusedWithAReason(@TempDir Path dir) throws Exception {
        Path cubin = dir.resolve("k.cubin");
        Files.write(cubin, new byte[] {0x7f, 'E', 'L', 'F'});
        assertThatThrownBy(() -> TestCompilers.shared().compile(cubin))
                .isInstanceOf(CompileException.class)
                .hasMessageStartingWith(cubin + ": nvcc compiles .cu and .ptx candidates only");
    }

    @Test
    void aHungCompilerIsKilledAtItsTimeout(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("nvcc");
        Files.writeString(fake, "#!/bin/sh\nsleep 60\n");
        assertThat(fake.toFile().setExecutable(true, false)).isTrue();
        // The sandbox runs it as an unprivileged user, who must be able to reach it.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Toolchain real = TestCompilers.toolchain();
        NvccCompiler hung = new NvccCompiler(new Toolchain(fake, real.ptxas(), "fake nvcc"), Optional.empty(),
                Duration.ofMillis(500));
        long start = System.nanoTime();
        assertThatThrownBy(() -> hung.compileCuda("slow.cu", "__global__ void k() {}\n", null))
                .isInstanceOf(CompileTimeoutException.class)
                .hasMessage("slow.cu: nvcc did not finish within 0.5 s and was killed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aHarnessEntryRewrittenWithConsistentUnkeyedHashesIsNeverServed(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        NvccCompiler nvcc = new NvccCompiler(TestCompilers.toolchain(), Optional.of(cache), Duration.ofSeconds(120));
        String source = dev.scanbench.harness.device.HarnessKernels.source();
        Artifact genuine = nvcc.compileHarness("harness_kernels.cu", source);
        // The old attack: a compare kernel that always agrees, and meta.json's hash recomputed to match it.
        Path entry = dir.resolve(genuine.cacheKey());
        String forged = genuine.ptx().replace("wb_compare", "wb_compare_forged");
        Files.writeString(entry.resolve("kernel.ptx"), forged);
        Files.writeString(entry.resolve("meta.json"), Files.readString(entry.resolve("meta.json"))
                .replace("\"sources\"", "\"ptxSha256\" : \"" + Sha256.hex(forged) + "\", \"sources\""));

        Artifact served = nvcc.compileHarness("harness_kernels.cu", source);

        assertThat(served.cached()).isFalse();
        assertThat(served.ptx()).contains(".entry wb_compare(").doesNotContain("wb_compare_forged");
    }

    @Test
    void aCandidateEntryIsNeverServedForTheHarnessKernels(@TempDir Path dir) throws Exception {
        NvccCompiler nvcc = new NvccCompiler(TestCompilers.toolchain(), Optional.of(new CompileCache(dir)),
                Duration.ofSeconds(120));
        String source = dev.scanbench.harness.device.HarnessKernels.source();
        Artifact asCandidate = nvcc.compileCuda("harness_kernels.cu", source, null);
        Artifact asHarness = nvcc.compileHarness("harness_kernels.cu", source);

        assertThat(asHarness.cacheKey()).isNotEqualTo(asCandidate.cacheKey());
        assertThat(asHarness.cached()).isFalse();
    }

    @Test
    void aKernelReadingAFileOutsideItsFolderIsRefusedInOrOutOfTheSandbox(@TempDir Path dir) throws Exception {
        String src = "#include \"/etc/hostname\"\n__global__ void k(int* y) { y[0] = 1; }\n";
        for (dev.scanbench.sandbox.Sandbox where : java.util.List.of(dev.scanbench.sandbox.Sandbox.detect(),
                dev.scanbench.sandbox.Sandbox.host("testing the fallback"))) {
            NvccCompiler nvcc = new NvccCompiler(TestCompilers.toolchain(), Optional.empty(), Duration.ofSeconds(120),
                    where);
            assertThatThrownBy(() -> nvcc.compileCuda(dir.resolve("k.cu").toString(), src, dir))
                    .as(where.describe()).isInstanceOf(CompileException.class)
                    .hasMessageContaining("/etc/hostname").hasMessageContaining("outside its folder")
                    .satisfies(e -> assertThat(((CompileException) e).compilerOutput()).as("withheld").isEmpty());
        }
    }

    @Test
    void localHeadersAreCompiledFromCopiesAndListedAsSources(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("inc"));
        Files.writeString(dir.resolve("inc/body.cuh"), "#include \"value.h\"\n__global__ void k(int* y) { y[0] = VALUE; }\n");
        Files.writeString(dir.resolve("inc/value.h"), "#define VALUE 7\n");
        Files.writeString(dir.resolve("unused.h"), "#define NOT_READ 1\n");
        String main = "#include \"inc/body.cuh\"\n#if 0\n#include \"unused.h\"\n#endif\n";
        NvccCompiler nvcc = new NvccCompiler(TestCompilers.toolchain(), Optional.of(new CompileCache(dir.resolve("c"))),
                Duration.ofSeconds(120));
        Artifact a = nvcc.compileCuda(dir.resolve("k.cu").toString(), main, dir);

        assertThat(a.sources()).extracting(dev.scanbench.sandbox.SourceDigest::path).containsExactly(
                dir.resolve("k.cu").toString(), dir.resolve("inc/body.cuh").toString(), dir.resolve("inc/value.h").toString());
        assertThat(a.ptx()).contains(dir.resolve("inc/body.cuh").toString()).doesNotContain("workbench-nvcc-");
        Files.writeString(dir.resolve("inc/value.h"), "#define VALUE 8\n");
        Artifact changed = nvcc.compileCuda(dir.resolve("k.cu").toString(), main, dir);
        assertThat(changed.cached()).as("a changed header recompiles").isFalse();
        assertThat(changed.sourceHash()).isNotEqualTo(a.sourceHash());
        Files.writeString(dir.resolve("unused.h"), "#define NOT_READ 2\n");
        assertThat(nvcc.compileCuda(dir.resolve("k.cu").toString(), main, dir).cached())
                .as("every copied file is in the key, read or not").isFalse();
    }
}

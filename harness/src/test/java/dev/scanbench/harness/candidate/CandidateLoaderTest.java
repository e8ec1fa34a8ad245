package dev.scanbench.harness.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.ptx.StaticFinding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, compiling, statically checking and plan-validating candidates; the rejections before any run. */
class CandidateLoaderTest {
    private static final Path KERNELS = Path.of("src/test/resources/kernels");

    private static CandidateLoader loader() {
        return new CandidateLoader(TestCompilers.shared());
    }

    @Test
    void aCudaCandidateIsCompiledAndItsPlanValidatedAtTheScoringSize() throws Exception {
        PreparedCandidate p = loader().prepare(Candidate.read(KERNELS.resolve("tile_scan.cu")));
        assertThat(p.compiled().candidate().kind()).isEqualTo(CandidateKind.CUDA);
        assertThat(p.plan().launches()).hasSize(3);
        assertThat(p.artifact().resources()).containsKeys("tile_reduce", "tile_prefix", "tile_scan");
        assertThat(p.artifact().sourceHash()).isEqualTo(p.compiled().candidate().contentHash());
        assertThat(p.compiled().checks().findings()).isEmpty();
        assertThat(p.resolve(1025).launches().get(0).grid().x()).isEqualTo(2);
        assertThat(p.image().ptx()).isPresent();
    }

    @Test
    void theFileIsReadOnceSoPlanAndCodeComeFromTheSameText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("k.cu");
        Files.copy(KERNELS.resolve("tile_scan.cu"), file);
        Candidate c = Candidate.read(file);
        Files.writeString(file, "// replaced after reading\n");
        PreparedCandidate p = loader().prepare(c);
        assertThat(p.plan().launches()).hasSize(3);
    }

    @Test
    void cubinAndUnknownFilesAreUsageErrors(@TempDir Path dir) throws Exception {
        Path cubin = Files.write(dir.resolve("k.cubin"), new byte[] {0x7f, 'E', 'L', 'F'});
        assertThatThrownBy(() -> loader().compile(Candidate.read(cubin)))
                .isInstanceOf(UnsupportedCandidateException.class)
                .hasMessageContaining("CUDA backend only");
        Path txt = Files.writeString(dir.resolve("k.txt"), "");
        assertThatThrownBy(() -> Candidate.read(txt))
                .isInstanceOf(UnsupportedCandidateException.class)
                .hasMessageContaining("unknown kernel file type");
    }

    @Test
    void scratchOfHundredTimesNIsRejectedAtTheScoringSize() {
        assertThatThrownBy(() -> loader().prepare(Candidate.read(KERNELS.resolve("adversarial/huge_scratch.cu"))))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("huge_scratch.cu:2:")
                .hasMessageContaining("over the allowance 4*n + 64 MiB");
    }

    @Test
    void aCompileErrorNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.cu"),
                "// @plan launch k grid=1 block=1 args=(y)\n__global__ void k(int* y) {\n  y[0] = undefined_name;\n}\n");
        assertThatThrownBy(() -> loader().prepare(Candidate.read(file)))
                .isInstanceOfSatisfying(CompileException.class, e -> assertThat(e.diagnostics())
                        .anySatisfy(d -> {
                            assertThat(d.line()).isEqualTo(3);
                            assertThat(d.file()).endsWith("bad.cu");
                        }));
    }

    @Test
    void aFileWithoutAPlanGetsAnExample(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("noplan.cu"), "__global__ void k(int* y) { y[0] = 1; }\n");
        assertThatThrownBy(() -> loader().prepare(Candidate.read(file)))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("no launch plan found")
                .hasMessageContaining("// @plan launch");
    }

    @Test
    void aPtxCandidateLaunchingAChildKernelIsRejectedByTheStaticChecks(@TempDir Path dir) throws Exception {
        String source = "__global__ void child(int* y) { y[threadIdx.x] = 1; }\n"
                + "extern \"C\" __global__ void parent(const int* x, int* y, int n) { child<<<1, 32>>>(y); }\n";
        Path ptx = dir.resolve("parent.ptx");
        Files.writeString(ptx, "// @plan launch parent grid=1 block=1 args=(x, y, n)\n" + nvccRdcPtx(dir, source));
        assertThatThrownBy(() -> loader().prepare(Candidate.read(ptx)))
                .isInstanceOfSatisfying(StaticCheckException.class, e -> assertThat(e.report().rejections())
                        .allMatch(f -> f.kind() == StaticFinding.Kind.DEVICE_LAUNCH).isNotEmpty())
                .hasMessageContaining("parent.ptx: rejected by static checks")
                .hasMessageContaining("device-side kernel launch");
    }

    private static String nvccRdcPtx(Path dir, String source) throws Exception {
        Path cu = Files.writeString(dir.resolve("dp.cu"), source);
        Path out = dir.resolve("dp.ptx");
        Process p = new ProcessBuilder(List.of(TestCompilers.toolchain().nvcc().toString(), "-O3", "-arch=sm_90a",
                "-rdc=true", "-ptx", "-o", out.toString(), cu.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("nvcc.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("nvcc.log"))).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}

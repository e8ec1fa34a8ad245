package dev.scanbench.harness.ptx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.harness.compile.TestCompilers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticChecksTest {

    private static String lineOf(String ptx, int line) {
        return ptx.lines().skip(line - 1).findFirst().orElseThrow();
    }

    @Test
    void flagsClockAndGlobaltimerReadsInRealNvccPtx() {
        String src = String.join("\n",
                "__global__ void timed(int* y) {",
                "    long long t0 = clock64();",
                "    unsigned long long g;",
                "    asm volatile(\"mov.u64 %0, %%globaltimer;\" : \"=l\"(g));",
                "    unsigned lo;",
                "    asm volatile(\"mov.u32 %0, %%globaltimer_lo;\" : \"=r\"(lo));",
                "    y[threadIdx.x] = (int)(t0 + g + lo + clock());",
                "}",
                "");
        String ptx = TestCompilers.compileCuda("timed.cu", src).ptx();
        StaticReport report = StaticChecks.check(ptx);
        assertThat(report.rejected()).isFalse();
        assertThat(report.flags()).extracting(StaticFinding::symbol)
                .contains("%clock64", "%globaltimer", "%globaltimer_lo");
        for (StaticFinding f : report.findings()) {
            assertThat(f.kind()).isEqualTo(StaticFinding.Kind.TIMER_READ);
            assertThat(lineOf(ptx, f.line())).as("PTX line %d", f.line()).contains(f.symbol());
            assertThat(f.describe()).startsWith("PTX line " + f.line() + ": reads a device clock/timer (");
        }
        assertThat(StaticChecks.rejectionMessage("timed.cu", report)).isEmpty();
    }

    @Test
    void rejectsDynamicParallelismInRealNvccPtx(@TempDir Path dir) throws Exception {
        String src = "__global__ void child(int* y) { y[threadIdx.x] = 1; }\n"
                + "__global__ void parent(int* y) { if (threadIdx.x == 0) child<<<1, 32>>>(y); }\n";
        // The workbench compiles without -rdc, where nvcc refuses device launches outright; a hand-made
        // .ptx candidate can still contain them, which is what -rdc=true output stands for here.
        String ptx = nvccRdcPtx(dir, src);
        StaticReport report = StaticChecks.check(ptx);
        assertThat(report.rejected()).isTrue();
        assertThat(report.rejections()).extracting(StaticFinding::symbol)
                .contains("__cudaCDP2GetParameterBufferV2", "__cudaCDP2LaunchDeviceV2");
        for (StaticFinding f : report.rejections()) {
            assertThat(lineOf(ptx, f.line())).contains(f.symbol());
        }
        assertThat(StaticChecks.rejectionMessage("dp.ptx", report))
                .startsWith("dp.ptx: rejected by static checks:\n  PTX line ")
                .contains("device-side kernel launch (dynamic parallelism) (__cudaCDP2LaunchDeviceV2)");
    }

    @Test
    void handWrittenLegacyLaunchNamesAreRejectedAndCommentsIgnored() {
        String ptx = String.join("\n",
                ".version 9.0",
                ".target sm_90a",
                "// mov.u64 %rd1, %globaltimer;  (a comment, not code)",
                ".extern .func (.param .b64 r) cudaGetParameterBuffer(.param .b64 a, .param .b64 b);",
                ".visible .entry k(.param .u64 p)",
                "{",
                "  /* %clock64 */",
                "  call.uni (retval0),",
                "  cudaLaunchDevice,",
                "  (param0, param1);",
                "  ret;",
                "}",
                "");
        StaticReport report = StaticChecks.check(ptx);
        assertThat(report.findings()).containsExactly(
                new StaticFinding(StaticFinding.Kind.DEVICE_LAUNCH, 4, "cudaGetParameterBuffer"),
                new StaticFinding(StaticFinding.Kind.DEVICE_LAUNCH, 9, "cudaLaunchDevice"));
    }

    @Test
    void anOrdinaryKernelHasNoFindings() {
        String ptx = TestCompilers.compileCuda("plain.cu",
                "__global__ void plain(const int* x, int* y, int n) { int i = threadIdx.x; if (i < n) y[i] = x[i]; }\n").ptx();
        assertThat(StaticChecks.check(ptx).findings()).isEmpty();
    }

    private static String nvccRdcPtx(Path dir, String source) throws IOException, InterruptedException {
        Path cu = dir.resolve("dp.cu");
        Path ptx = dir.resolve("dp.ptx");
        Files.writeString(cu, source);
        Process p = new ProcessBuilder(List.of(TestCompilers.toolchain().nvcc().toString(), "-O3", "-arch=sm_90a",
                "-rdc=true", "-ptx", "-o", ptx.toString(), cu.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("nvcc.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("nvcc.log"))).isZero();
        return Files.readString(ptx, StandardCharsets.UTF_8);
    }
}

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

    /** nvcc hoists a plain-load poll out of its loop, leaving `bra.uni` to its own label: rejected at its .cu line. */
    @Test
    void rejectsALoopThatCanNeverEndAtItsCudaLine() {
        String src = String.join("\n",
                "__device__ int wait_for(const int* flags, int j) {",
                "    int f;",
                "    do {",
                "        f = flags[j];",
                "    } while (f == 0);",
                "    return f;",
                "}",
                "extern \"C\" __global__ void chained(int* flags, int* out) {",
                "    if (threadIdx.x == 0 && blockIdx.x > 0) out[blockIdx.x] = wait_for(flags, blockIdx.x - 1);",
                "    if (threadIdx.x == 0) ((volatile int*) flags)[blockIdx.x] = 1;",
                "}",
                "");
        String ptx = TestCompilers.compileCuda("chained.cu", src).ptx();
        StaticReport report = StaticChecks.check(ptx);
        assertThat(report.rejected()).isTrue();
        StaticFinding f = report.rejections().get(0);
        assertThat(f.kind()).isEqualTo(StaticFinding.Kind.ENDLESS_LOOP);
        assertThat(f.symbol()).isEqualTo("chained");
        assertThat(f.source()).isEqualTo("chained.cu:5");
        assertThat(lineOf(ptx, f.line())).contains("bra.uni");
        assertThat(f.describe()).contains("(chained.cu:5): a loop that never ends once entered (chained)",
                "inlined at chained.cu:9", "this spin never re-reads memory");
        assertThat(StaticChecks.rejectionMessage("chained.cu", report)).contains("chained.cu:5");
    }

    /** A plain load re-issued each time round (a fence stops nvcc hoisting it) is still a weak poll: rejected. */
    @Test
    void rejectsAFlagPolledWithAWeakLoadAtItsLoad() {
        String src = String.join("\n",
                "extern \"C\" __global__ void chained(int* flags, int* out) {",
                "    if (threadIdx.x == 0 && blockIdx.x > 0) {",
                "        while (flags[blockIdx.x - 1] == 0) {",
                "            __threadfence();",
                "        }",
                "        out[blockIdx.x] = 1;",
                "    }",
                "    if (threadIdx.x == 0) ((volatile int*) flags)[blockIdx.x] = 1;",
                "}",
                "");
        String ptx = TestCompilers.compileCuda("weak.cu", src).ptx();
        StaticReport report = StaticChecks.check(ptx);
        assertThat(report.rejections()).hasSize(1);
        StaticFinding f = report.rejections().get(0);
        assertThat(f.kind()).isEqualTo(StaticFinding.Kind.WEAK_POLL);
        assertThat(f.source()).isEqualTo("weak.cu:3");
        assertThat(lineOf(ptx, f.line())).contains("ld.global").doesNotContain("volatile");
        assertThat(f.describe()).contains("a flag polled with a weak load (chained)", "ld.volatile / ld.acquire");
    }

    @Test
    void aVolatilePollAndABoundedLoopAreNotEndless() {
        String src = String.join("\n",
                "extern \"C\" __global__ void ok(volatile int* flags, int* out, int n) {",
                "    while (flags[0] == 0) { }",
                "    int s = 0;",
                "    for (int i = threadIdx.x; i < n; i += 32) s += out[i];",
                "    out[threadIdx.x] = s;",
                "}",
                "");
        assertThat(StaticChecks.check(TestCompilers.compileCuda("ok.cu", src).ptx()).findings()).isEmpty();
    }

    /** Loops that read memory weakly but can end by themselves (a counter, a moving address) are not polls. */
    @Test
    void weakLoadsInLoopsThatEndByThemselvesAreNotPolls() {
        String src = String.join("\n",
                "extern \"C\" __global__ void walk(const int* lim, int* out, int n) {",
                "    int i = threadIdx.x;",
                "    while (i < lim[0]) { out[i] = i; i += 32; }",  // lim[0] reloaded (out may alias), i counts
                "    int j = 0;",
                "    while (out[j] != 0 && j < n) { j++; __threadfence(); }",  // the address moves
                "    out[threadIdx.x] += j;",
                "}",
                "");
        assertThat(StaticChecks.check(TestCompilers.compileCuda("walk.cu", src).ptx()).findings()).isEmpty();
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

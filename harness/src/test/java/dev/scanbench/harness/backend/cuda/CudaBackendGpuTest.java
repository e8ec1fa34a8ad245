package dev.scanbench.harness.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.DeviceEvent;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.LaunchPlan;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.harness.plan.PlanValidator;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.backend.LoadedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The CUDA backend on a GPU or the software driver (WORKBENCH_CUDA_DRIVER=software): runs only under -Pgpu. */
@Tag("gpu")
class CudaBackendGpuTest {

    private static final String KERNEL = String.join("\n",
            "// @plan scratch sums = 4 * ceil_div(n, 256) bytes zero",
            "// @plan launch add_tile grid=ceil_div(n, 256) block=256 smem=SMEM args=(x, y, n, sums, 3)",
            "extern \"C\" __global__ void add_tile(const int* x, int* y, int n, int* sums, short k) {",
            "    extern __shared__ int buf[];",
            "    int i = blockIdx.x * blockDim.x + threadIdx.x;",
            "    buf[threadIdx.x] = i < n ? x[i] : 0;",
            "    __syncthreads();",
            "    if (i < n) { y[i] = buf[threadIdx.x] * k + sums[blockIdx.x]; }",
            "}",
            "extern \"C\" __global__ void wild(int* y) { y[(1ll << 40) + threadIdx.x] = 1; }",
            "");

    private static int[] expected(int[] x) {
        return Arrays.stream(x).map(v -> v * 3).toArray();
    }

    private static void runPlan(ModuleImage image, Artifact a, String smem) throws Exception {
        String source = KERNEL.replace("SMEM", smem);
        LaunchPlan plan = PlanParser.parse("gpu.cu", source, CommentStyle.SLASHES);
        int n = 100_003;
        ResolvedPlan resolved = PlanValidator.resolve(plan, n, a.signature(), a.staticSharedBytes());
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i * 7919) % 20 - 10;
        }
        try (CudaBackend cuda = CudaBackend.open(0);
             DeviceBuffer dx = cuda.allocate(4L * n);
             DeviceBuffer dy = cuda.allocate(4L * n);
             PlanRunner runner = PlanRunner.open(cuda, image, a.signature(), resolved)) {
            cuda.copyIn(dx, x);
            cuda.fill32(dy, 0xDEADBEEF);
            runner.poisonScratch();
            DeviceEvent start = cuda.record();
            runner.run(dx, dy);
            DeviceEvent end = cuda.record();
            cuda.synchronize();
            assertThat(cuda.elapsedMillis(start, end)).isPositive();
            int[] y = new int[n];
            cuda.copyOut(dy, y);
            assertThat(y).isEqualTo(expected(x));
        }
    }

    @Test
    void runsAPlanFromTheCubin() throws Exception {
        Artifact a = TestCompilers.compileCuda("gpu.cu", KERNEL.replace("SMEM", "1024"));
        runPlan(ModuleImage.of(a.ptx(), a.cubin()), a, "1024");
    }

    @Test
    void runsAPlanFromPtxWithSharedMemoryAbove48KiB() throws Exception {
        Artifact a = TestCompilers.compileCuda("gpu.cu", KERNEL.replace("SMEM", "100000"));
        runPlan(new ModuleImage(Optional.of(a.ptx()), Optional.empty()), a, "100000");
    }

    @Test
    void anIllegalAddressIsADeviceFaultThatPoisonsItsProcess() throws Exception {
        // In a JVM of its own: a sticky fault leaves every later call of that process failing, tests included.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-D" + Defaults.CACHE_PROPERTY + "="
                + System.getProperty(Defaults.CACHE_PROPERTY, ""), IllegalAddressMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("synchronize: DeviceFaultException", "CUDA_ERROR_ILLEGAL_ADDRESS");
        assertThat(out.lines().filter(l -> l.startsWith("allocate:")).findFirst().orElse(""))
                .as("sticky: a later call fails too").contains("CUDA_ERROR_ILLEGAL_ADDRESS");
    }

    private static final String COOPERATIVE = String.join("\n",
            "// @plan launch pair grid=GRID block=1024 cooperative args=(x, y, n)",
            "#include <cooperative_groups.h>",
            "extern \"C\" __global__ void pair(const int* x, int* y, int n) {",
            "    cooperative_groups::grid_group g = cooperative_groups::this_grid();",
            "    unsigned i = g.thread_rank();",
            "    if (i < n) { y[i] = x[i]; }",
            "    g.sync();",
            "    int next = i < n ? y[(i + 1) % n] : 0;",
            "    g.sync();",
            "    if (i < n) { y[i] += next; }",
            "}", "");

    /** Runs {@link #COOPERATIVE} with this grid on n = 2048 (the grid's other threads idle). */
    private static int[] runCooperative(String grid) throws Exception {
        String source = COOPERATIVE.replace("GRID", grid);
        Artifact a = TestCompilers.compileCuda("pair.cu", source);
        int n = 2048;
        ResolvedPlan plan = PlanValidator.resolve(PlanParser.parse("pair.cu", source, CommentStyle.SLASHES), n,
                a.signature(), a.staticSharedBytes());
        int[] x = new int[n];
        Arrays.setAll(x, i -> i * 3 - 1000);
        try (CudaBackend cuda = CudaBackend.open(0);
             DeviceBuffer dx = cuda.allocate(4L * n);
             DeviceBuffer dy = cuda.allocate(4L * n);
             PlanRunner runner = PlanRunner.open(cuda, ModuleImage.of(a.ptx(), a.cubin()), a.signature(), plan)) {
            cuda.copyIn(dx, x);
            runner.run(dx, dy);
            cuda.synchronize();
            int[] y = new int[n];
            cuda.copyOut(dy, y);
            return y;
        }
    }

    @Test
    void aCooperativeLaunchWithinOccupancyGridSyncs() throws Exception {
        int[] y = runCooperative("2");
        int[] x = new int[2048];
        Arrays.setAll(x, i -> i * 3 - 1000);
        assertThat(y).isEqualTo(java.util.stream.IntStream.range(0, 2048).map(i -> x[i] + x[(i + 1) % 2048]).toArray());
    }

    @Test
    void aCooperativeGridBeyondOccupancyIsRefusedWithTheNumbers() {
        // 1024 threads: 2 CTAs per SM at most on any GPU, so no device keeps 100,000 resident
        assertThatThrownBy(() -> runCooperative("100000"))
                .isInstanceOf(dev.scanbench.harness.backend.DeviceFaultException.class)
                .hasMessageContaining("cooperative launch of pair with 100000 blocks")
                .hasMessageMatching("(?s).*[12] CTAs per SM \\(1024 threads, 0 B dynamic shared memory\\) x [0-9]+ SMs = .*");
    }

    @Test
    void staticAndDynamicSharedMemoryTogetherAboveTheDefaultAreOptedIn() throws Exception {
        // 40 KiB static + 16 KiB dynamic: the dynamic part alone is under 48 KiB, the block is not.
        String source = String.join("\n",
                "// @plan launch wide grid=ceil_div(n, 256) block=256 smem=16384 args=(x, y, n)",
                "extern \"C\" __global__ void wide(const int* x, int* y, int n) {",
                "    __shared__ int fixed[10240];",
                "    extern __shared__ int dyn[];",
                "    int i = blockIdx.x * blockDim.x + threadIdx.x;",
                "    fixed[threadIdx.x] = i < n ? x[i] : 0;",
                "    dyn[threadIdx.x] = 2;",
                "    __syncthreads();",
                "    if (i < n) { y[i] = fixed[threadIdx.x] * dyn[threadIdx.x]; }",
                "}", "");
        Artifact a = TestCompilers.compileCuda("wide.cu", source);
        ResolvedPlan plan = PlanValidator.resolve(PlanParser.parse("wide.cu", source, CommentStyle.SLASHES), 1000,
                a.signature(), a.staticSharedBytes());
        int[] x = new int[1000];
        Arrays.setAll(x, i -> i - 500);
        try (CudaBackend cuda = CudaBackend.open(0);
             DeviceBuffer dx = cuda.allocate(4000);
             DeviceBuffer dy = cuda.allocate(4000);
             PlanRunner runner = PlanRunner.open(cuda, ModuleImage.of(a.ptx(), a.cubin()), a.signature(), plan)) {
            cuda.copyIn(dx, x);
            runner.run(dx, dy);
            cuda.synchronize();
            int[] y = new int[1000];
            cuda.copyOut(dy, y);
            assertThat(y).isEqualTo(Arrays.stream(x).map(v -> 2 * v).toArray());
        }
    }

    @Test
    void aPtxTheJitRefusesIsAnEnvironmentErrorWithPtxassMessage() throws Exception {
        Artifact a = TestCompilers.compileCuda("gpu.cu", KERNEL.replace("SMEM", "0"));
        String newer = a.ptx().replace(".version 9.0", ".version 9.9");
        try (CudaBackend cuda = CudaBackend.open(0)) {
            assertThatThrownBy(() -> cuda.load(new ModuleImage(Optional.of(newer), Optional.empty())))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("cuModuleLoadDataEx")
                    .hasMessageContaining("Unsupported .version 9.9");
        }
    }

    @Test
    void hasEntryTellsNoSuchEntryFromADriverError() throws Exception {
        Artifact a = TestCompilers.compileCuda("gpu.cu", KERNEL.replace("SMEM", "0"));
        try (CudaBackend cuda = CudaBackend.open(0)) {
            LoadedModule m = cuda.load(ModuleImage.of(a.ptx(), a.cubin()));
            assertThat(m.hasEntry("add_tile")).isTrue();
            assertThat(m.hasEntry("no_such_kernel")).isFalse();
            m.close();
            // An unloaded module is no answer of "no entry": the driver's refusal is an error.
            assertThatThrownBy(() -> m.hasEntry("wild")).isInstanceOf(BackendException.class)
                    .hasMessageContaining("CUDA_ERROR_INVALID_HANDLE");
        }
    }

    @Test
    void closedEventsAndModulesLeaveTheBackend() throws Exception {
        Artifact a = TestCompilers.compileCuda("gpu.cu", KERNEL.replace("SMEM", "0"));
        try (CudaBackend cuda = CudaBackend.open(0)) {
            int before = cuda.openResources();
            for (int i = 0; i < 50; i++) {
                try (DeviceEvent e = cuda.record(); LoadedModule m = cuda.load(ModuleImage.of(a.ptx(), a.cubin()))) {
                    assertThat(m.hasEntry("add_tile")).isTrue();
                }
            }
            cuda.synchronize();
            assertThat(cuda.openResources()).isEqualTo(before);
        }
    }
}

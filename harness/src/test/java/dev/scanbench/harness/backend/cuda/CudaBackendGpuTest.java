package dev.scanbench.harness.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.DeviceEvent;
import dev.scanbench.harness.backend.DeviceFaultException;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.LaunchPlan;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.harness.plan.PlanValidator;
import dev.scanbench.harness.plan.ResolvedPlan;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The CUDA backend on a real GPU: runs only under -Pgpu. */
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
    void anIllegalAddressIsADeviceFault() throws Exception {
        Artifact a = TestCompilers.compileCuda("gpu.cu", KERNEL.replace("SMEM", "0"));
        LaunchPlan plan = PlanParser.parse("wild.cu", "// @plan launch wild grid=1 block=32 args=(y)\n", CommentStyle.SLASHES);
        ResolvedPlan resolved = PlanValidator.resolve(plan, 32, a.signature(), a.staticSharedBytes());
        CudaBackend cuda = CudaBackend.open(0);
        DeviceBuffer dx = cuda.allocate(128);
        DeviceBuffer dy = cuda.allocate(128);
        PlanRunner runner = PlanRunner.open(cuda, ModuleImage.of(a.ptx(), a.cubin()), a.signature(), resolved);
        runner.run(dx, dy);
        assertThatThrownBy(cuda::synchronize).isInstanceOf(DeviceFaultException.class)
                .hasMessageContaining("CUDA_ERROR_ILLEGAL_ADDRESS");
        // The context is now unusable: releasing may fail too, and must not hang or crash.
        try {
            cuda.close();
        } catch (Exception expected) {
            assertThat(expected).isInstanceOf(dev.scanbench.harness.backend.BackendException.class);
        }
    }
}

package dev.scanbench.harness.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import org.junit.jupiter.api.Test;

/** The plan of a real kernel file, checked against what nvcc and ptxas made of the same file. */
class PlanOnCompiledKernelTest {

    private static final String KERNEL = String.join("\n",
            "// Reduce-then-scan, two launches.",
            "// @plan scratch sums = 4 * ceil_div(n, 1024) bytes zero",
            "// @plan launch reduce grid=ceil_div(n, 1024) block=256 smem=SMEM args=(x, n, sums)",
            "// @plan launch scan grid=ceil_div(n, 1024) block=256 args=(x, y, n, sums)",
            "__global__ void reduce(const int* x, int n, int* sums) {",
            "    extern __shared__ int dyn[];",
            "    __shared__ int fixed[20000];",
            "    fixed[threadIdx.x] = x[threadIdx.x];",
            "    dyn[threadIdx.x] = fixed[threadIdx.x ^ 1];",
            "    __syncthreads();",
            "    if (threadIdx.x == 0) sums[blockIdx.x] = dyn[n & 255];",
            "}",
            "__global__ void scan(const int* x, int* y, int n, const int* sums) {",
            "    int i = blockIdx.x * blockDim.x + threadIdx.x;",
            "    if (i < n) y[i] = x[i] + sums[blockIdx.x];",
            "}",
            "");

    private static LaunchPlan plan(String smem) throws PlanException {
        return PlanParser.parse("kernels/two.cu", KERNEL.replace("SMEM", smem), CommentStyle.SLASHES);
    }

    @Test
    void validatesAgainstTheCompiledEntriesAndTheirStaticSharedMemory() throws Exception {
        Artifact a = TestCompilers.compileCuda("kernels/two.cu", KERNEL.replace("SMEM", "1024"));
        assertThat(a.staticSharedBytes()).containsEntry("_Z6reducePKiiPi", 80_000L);
        ResolvedPlan r = PlanValidator.resolve(plan("1024"), 1 << 20, a.signature(), a.staticSharedBytes());
        assertThat(r.launches()).extracting(ResolvedPlan.ResolvedLaunch::entry)
                .containsExactly("_Z6reducePKiiPi", "_Z4scanPKiPiiS0_");
        assertThat(r.scratchBytes()).isEqualTo(4096);

        // 80,000 static + 160,000 dynamic bytes is over the 227 KiB a block may have.
        assertThatThrownBy(() -> PlanValidator.resolve(plan("160000"), 1 << 20, a.signature(), a.staticSharedBytes()))
                .isInstanceOf(PlanException.class)
                .hasMessage("kernels/two.cu:3:62: shared memory per block 160000 dynamic + 80000 static = 240000 bytes"
                        + " for n = 1048576, over the sm_90 limit of 232448 bytes (227 KiB)");
    }
}

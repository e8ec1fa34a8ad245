package dev.scanbench.harness.backend.cuda;

/**
 * Problem sizes of the -Pgpu tests: the scoring size on a GPU, a small one on the software driver
 * ({@code WORKBENCH_CUDA_DRIVER=software}), where every kernel runs on the PTX emulator.
 */
public final class GpuTestScale {
    /** n on the software driver: 64 tiles of the reference kernel, seconds per scoring run on the emulator. */
    public static final int SIMULATED_N = 65_536;

    private GpuTestScale() {
    }

    /** True when the -Pgpu suite runs on the software driver. */
    public static boolean simulated() {
        return CudaDriverSwitch.software();
    }

    /** {@code onGpu} on a GPU, {@link #SIMULATED_N} on the software driver. */
    public static int n(int onGpu) {
        return simulated() ? SIMULATED_N : onGpu;
    }
}
